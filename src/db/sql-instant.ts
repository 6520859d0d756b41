// Instants for raw SQL, in the form the ORM itself stores: never a Date object, whose driver
// serialisation may follow the process's local time zone (the mariadb connector does).
export type Dialect = 'sqlite' | 'mysql';

/** SQLite: epoch milliseconds (as MikroORM stores them); MySQL/MariaDB: a UTC DATETIME string. */
export function sqlInstant(dialect: Dialect, date: Date): number | string {
  if (dialect === 'sqlite') return date.getTime();
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** Reads a DATETIME column back from a raw query as a Date (UTC). */
export function fromSqlInstant(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const text = String(value);
  return /^\d+$/.test(text) ? new Date(Number(text)) : new Date(`${text.replace(' ', 'T')}Z`);
}
