package dev.lifecycle.metrics.report;

/**
 * Accumulates the markup of one HTML document; {@link #text} and {@link #attr} escape, {@link #raw} does not. Text is
 * escaped for XML 1.0 as well as HTML: characters XML does not allow are replaced by U+FFFD. Not thread-safe.
 */
final class Markup {
    private final StringBuilder out = new StringBuilder(8192);

    Markup raw(String markup) {
        out.append(markup);
        return this;
    }

    Markup text(String text) {
        return escape(text);
    }

    Markup attr(String value) {
        return escape(value);
    }

    private Markup escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(isXmlChar(text, i) ? c : '\ufffd');
            }
        }
        return this;
    }

    /** Control characters other than tab and line breaks, and lone surrogates, are not allowed in XML 1.0. */
    private static boolean isXmlChar(String text, int i) {
        char c = text.charAt(i);
        if (c < 0x20) {
            return c == '\t' || c == '\n' || c == '\r';
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
        }
        return c != '\ufffe' && c != '\uffff';
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
