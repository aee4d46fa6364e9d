package dev.lifecycle.templates;

/**
 * The bounds on a template file, each defined here once and checked before the value it bounds is used, so that no
 * input makes a reader hang, run out of memory or fail with a parser's own message. Each is far above what a real
 * template needs; docs/templates.md lists them under "Templates as data".
 */
final class Limits {
    /** The largest document read, in bytes for a file and in characters for text: 1 MiB. */
    static final int MAX_SIZE = 1 << 20;

    /** The deepest nesting of maps and lists; real templates nest conditions a few levels deep. */
    static final int MAX_DEPTH = 64;

    /** The longest text value or key, in characters; a stage's description or strategy note fits many times over. */
    static final int MAX_TEXT_LENGTH = 10_000;

    /** The longest number as written, in characters (digits, sign, point and exponent). */
    static final int MAX_NUMBER_LENGTH = 100;

    /** The most stages a template file may list. */
    static final int MAX_STAGES = 1_000;

    /** The most rules a template file may list. */
    static final int MAX_RULES = 5_000;

    /** The most edits a template file may list. */
    static final int MAX_EDITS = 5_000;

    private Limits() {}
}
