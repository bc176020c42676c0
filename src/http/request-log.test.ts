import { describe, expect, it } from 'vitest';
import { generateToken } from '../domain/token.ts';
import { loggableUrl } from './request-log.ts';

describe('loggableUrl', () => {
  const token = generateToken('fb');

  it('keeps the path and harmless query values as they are', () => {
    const url = '/v1/keys?projectId=prj_01jd2f3g4h5j6k7m8n9p0q1r&status=active&limit=50&cursor=a2V5XzAx';
    expect(loggableUrl(url)).toBe(url);
    expect(loggableUrl('/v1/authorize?permission=a.read&permission=b.write')).toBe('/v1/authorize?permission=a.read&permission=b.write');
  });

  it('masks the free-text search, where people paste whole tokens', () => {
    expect(loggableUrl(`/v1/keys?q=${token}&limit=5`)).toBe('/v1/keys?q=[redacted]&limit=5');
    expect(loggableUrl('/v1/users?q=alice')).toBe('/v1/users?q=[redacted]');
  });

  it('masks the values of parameters no route knows, and a bare value whole', () => {
    expect(loggableUrl(`/v1/authorize?key=${token}`)).toBe('/v1/authorize?key=[redacted]');
    expect(loggableUrl(`/v1/authorize?${token}`)).toBe('/v1/authorize?[redacted]');
    expect(loggableUrl(`/x?${token}=1`)).toBe('/x?[redacted]=[redacted]');
  });

  it('masks a token in the path and in a harmless parameter alike', () => {
    expect(loggableUrl(`/v1/keys/${token}`)).toBe('/v1/keys/[redacted]');
    expect(loggableUrl(`/v1/keys?keyId=${token}`)).toBe('/v1/keys?keyId=[redacted]');
  });

  it('masks a token written percent-encoded, in the path and in a harmless parameter', () => {
    const encoded = token.replace('_', '%5F').replace(/^(.)/, (first) => `%${first.charCodeAt(0).toString(16)}`);
    expect(decodeURIComponent(encoded)).toBe(token);
    expect(loggableUrl(`/v1/projects/${encoded}`)).toBe('/v1/projects/[redacted]');
    expect(loggableUrl(`/v1/keys?limit=${encoded}&status=active`)).toBe('/v1/keys?limit=[redacted]&status=active');
    expect(loggableUrl(`/v1/keys/${encoded}/usage?x=${encoded}`)).toBe('/v1/keys/[redacted]/usage?x=[redacted]');
    // Percent-encoding that holds no token, or that does not decode, is logged as sent.
    expect(loggableUrl('/v1/keys?limit=5%25&status=%E0%A4%A')).toBe('/v1/keys?limit=5%25&status=%E0%A4%A');
  });
});
