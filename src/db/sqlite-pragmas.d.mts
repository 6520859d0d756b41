/** The settings of every SQLite connection that writes (see sqlite-pragmas.mjs). */
export declare const WRITER_PRAGMAS: readonly string[];
