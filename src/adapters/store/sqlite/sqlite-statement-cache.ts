import type Database from 'better-sqlite3';

/** Prepared once per connection and SQL text: preparing dominates small queries otherwise. */
export class SqliteStatementCache {
  private readonly statements = new Map<string, Database.Statement>();
  constructor(readonly db: Database.Database) {}
  get(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }
}
