import type { Db } from './database.ts';
import type { Dialect } from './dialect.ts';

/**
 * What every repository holds: where its statements run (the pool, or one write's transaction)
 * and the capabilities of the engine behind it. A repository owns every statement about its
 * aggregate; services call it and hold no SQL.
 */
export abstract class Repository {
  protected readonly db: Db;
  protected readonly dialect: Dialect;

  constructor(db: Db, dialect: Dialect) {
    this.db = db;
    this.dialect = dialect;
  }
}
