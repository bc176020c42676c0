import { describe, expect, it } from 'vitest';
import { activeFilterCount, filtersFromSearch, looksLikeToken } from '../../web/src/model/key-filters.ts';
import { keyDisplay, timeAgo } from '../../web/src/model/format.ts';
import { limitsSummary } from '../../web/src/model/key-form.ts';
import { countOf, pageSummary } from '../../web/src/model/paging.ts';
import { passwordFormErrors } from '../../web/src/model/password-form.ts';
import { emptyWebhookForm, toWebhookBody, webhookFormErrors } from '../../web/src/model/webhook-form.ts';

// The console's rules that need no browser: pure functions of web/src/model.
const keys = { one: 'key', other: 'keys' };

describe('paging words', () => {
  it('counts a list that fits on one page in words, and places a page of a longer one', () => {
    expect(countOf(1, keys)).toBe('1 key');
    expect(countOf(1234, keys)).toBe('1,234 keys');
    expect(pageSummary({ pageIndex: 1, limit: 20, shown: 20, total: 60, noun: keys })).toBe('21–40 of 60 keys · Page 2 of 3');
    // A search counted up to the server's cap: a lower bound, and no last page to name.
    expect(pageSummary({ pageIndex: 1, limit: 50, shown: 50, total: 1000, totalCapped: true, noun: keys })).toBe('51–100 of 1,000+ keys · Page 2');
  });
});

describe('search by token', () => {
  it('takes one long word as a pasted token, and names or phrases as a search', () => {
    expect(looksLikeToken('fb_3kP9xQ2mN7vB4cT8wZ1yL6hJ0aS5dF')).toBe(true);
    expect(looksLikeToken('  uk_0123456789abcdef0123456789abcdef  ')).toBe(true);
    expect(looksLikeToken('ingest worker')).toBe(false);
    expect(looksLikeToken('fb_3kP9')).toBe(false);
    expect(looksLikeToken('nightly settlement exporter for the ledger')).toBe(false);
  });

  it('counts the filters folded behind the phone’s button (Search is not among them)', () => {
    expect(activeFilterCount(filtersFromSearch(new URLSearchParams('q=x&owner=bob&status=active&expiring=soon')))).toBe(3);
    expect(activeFilterCount(filtersFromSearch(new URLSearchParams('q=x')))).toBe(0);
  });
});

describe('how keys and times read', () => {
  it('masks an imported key nothing is known of yet, and shows start…end otherwise', () => {
    expect(keyDisplay({ start: '(imported)', end: '' })).toBe('••••…••••');
    expect(keyDisplay({ start: 'fb_3kP9', end: 'dF2a' })).toBe('fb_3kP9…dF2a');
  });

  it('says how long ago, then a date', () => {
    const now = Date.parse('2026-03-15T12:00:00.000Z');
    expect(timeAgo('2026-03-15T11:59:30.000Z', now)).toBe('just now');
    expect(timeAgo('2026-03-15T11:55:00.000Z', now)).toBe('5 min ago');
    expect(timeAgo('2026-03-15T09:00:00.000Z', now)).toBe('3 h ago');
    expect(timeAgo('2026-03-14T11:00:00.000Z', now)).toBe('1 day ago');
    expect(timeAgo('2026-03-10T12:00:00.000Z', now)).toBe('5 days ago');
    expect(timeAgo('2026-01-01T12:00:00.000Z', now)).toMatch(/^2026-01-01$/);
  });

  it('puts a key’s limits in words', () => {
    expect(limitsSummary({ ratelimit: { limit: 10, windowMs: 60_000 }, remaining: 98, refill: { amount: 100, interval: 'daily' } }))
      .toBe('Rate limit 10 per 60 s, 98 verifications left, refilled to 100 daily');
    expect(limitsSummary({ ratelimit: null, remaining: null, refill: null })).toBe('');
  });
});

describe('the account and webhook forms', () => {
  it('asks for the current password, a long enough new one, typed twice alike', () => {
    expect(passwordFormErrors({ currentPassword: '', newPassword: 'short', repeated: 'other' })).toEqual({
      currentPassword: expect.any(String), newPassword: 'At least 12 characters', repeated: 'The two new passwords differ',
    });
    expect(passwordFormErrors({ currentPassword: 'old-password-123', newPassword: 'old-password-123', repeated: 'old-password-123' }).newPassword).toMatch(/different/);
    expect(passwordFormErrors({ currentPassword: 'old-password-123', newPassword: 'new-password-456', repeated: 'new-password-456' })).toEqual({});
  });

  it('takes an http(s) address without credentials and at least one event; every project is null', () => {
    const form = emptyWebhookForm();
    expect(webhookFormErrors({ ...form, url: 'ftp://example.com' }).url).toBeDefined();
    expect(webhookFormErrors({ ...form, url: 'https://user:pass@example.com/' }).url).toMatch(/No user name/);
    expect(webhookFormErrors({ ...form, url: 'https://example.com/hook', events: [] })).toEqual({ events: 'Choose at least one event' });
    expect(toWebhookBody({ ...form, url: ' https://example.com/hook ' })).toMatchObject({ url: 'https://example.com/hook', projectId: null, enabled: true });
  });
});
