import type { ProgramFacts } from "./program-facts";

/** One row of the README's configuration reference (components/config/reference.ts renders them). */
export interface ConfigReferenceRow {
    /** The key column as the README writes it (several related keys may share a row). */
    label: string;
    /** The schema keys the row documents, dotted (`services.<name>.port`). */
    keys: string[];
    /** The row also documents every key below its keys (an object value described as a whole). */
    subtree?: boolean;
    /**
     * What a key allows, in words: only for keys the schema cannot state in a cell (strings
     * with patterns, lists, maps). Keys whose schema is an enum, a bounded number, a boolean or
     * a list of literals get their rule from the schema (`allowedBySchema`), with `note` after it.
     */
    allowed?: string;
    /** Words after the schema-derived rule: in parentheses, or appended as is when it starts with `,`, `;` or `:`. */
    note?: string;
    /**
     * Where the production and staging columns come from: `tier` (each key's value in
     * TIERS, joined by " / "), `schema` (the schema's default, the same on both tiers), or text.
     */
    defaults: "tier" | "schema" | { production: string; staging: string };
    change: string;
}

/** A row as a section declares it: its `allowed` words may be built from the program's facts (the reserved names). */
export interface SectionReferenceRow extends Omit<ConfigReferenceRow, "allowed"> {
    allowed?: string | ((facts: ProgramFacts) => string);
}
