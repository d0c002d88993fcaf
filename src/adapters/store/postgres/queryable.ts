import type pg from 'pg';

/** A pool (autocommit) or a client inside a transaction: repositories work with either. */
export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;
