import type { Database, Statement } from 'better-sqlite3';

/** Prepares each SQL text once (lazily: tables exist only after `migrate`). */
export function createStatementCache(db: Database): (sql: string) => Statement {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}
