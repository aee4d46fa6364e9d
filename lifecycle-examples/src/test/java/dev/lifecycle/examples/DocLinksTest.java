package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The links of README.md and the pages under docs/ lead somewhere: every relative link names an existing file of the
 * repository (and, with {@code #anchor}, a heading of that page), every reference page links back to the README in its
 * opening paragraph, and every reference page is linked from another page.
 */
final class DocLinksTest {
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void pages_everyRelativeLink_pointsToAnExistingFileAndHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : ReadmeSnippets.pages()) {
            for (String target : links(page)) {
                if (target.matches("[a-z][a-z0-9+.-]*:.*")) {
                    continue; // a URL with a scheme (https:, mailto:) leaves the repository
                }
                checked++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty()
                        ? page
                        : page.toAbsolutePath().resolveSibling(file).normalize();
                if (!resolved.toAbsolutePath().normalize().startsWith(ROOT) || !Files.exists(resolved)) {
                    broken.add(page + ": " + target + " (no such file in the repository)");
                } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
                    broken.add(page + ": " + target + " (no such heading; headings: " + anchors(resolved) + ")");
                }
            }
        }

        assertTrue(checked > 0, "the pages have relative links");
        assertEquals(List.of(), broken);
    }

    @Test
    void docsPages_openingParagraph_linksBackToTheReadme() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path page : ReadmeSnippets.pages()) {
            if (page.equals(ReadmeSnippets.README)) {
                continue;
            }
            List<String> lines = ReadmeSnippets.read(page).lines().toList();
            assertTrue(lines.size() > 2 && lines.get(0).startsWith("# "), () -> page + " must start with a title");
            StringBuilder opening = new StringBuilder();
            for (int i = 2; i < lines.size() && !lines.get(i).isBlank(); i++) {
                opening.append(lines.get(i)).append('\n');
            }
            if (!opening.toString().contains("](../README.md")) {
                missing.add(page.toString());
            }
        }

        assertEquals(List.of(), missing, "reference pages whose opening paragraph does not link back to the README");
    }

    @Test
    void docsPages_eachIsLinkedFromAnotherPage() throws IOException {
        Set<Path> linked = new TreeSet<>();
        List<Path> pages = ReadmeSnippets.pages();
        for (Path page : pages) {
            for (String target : links(page)) {
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                if (!file.isEmpty() && !file.contains(":")) {
                    Path resolved = page.toAbsolutePath().resolveSibling(file).normalize();
                    if (!resolved.equals(page.toAbsolutePath().normalize())) {
                        linked.add(resolved);
                    }
                }
            }
        }
        List<String> orphans = pages.stream()
                .filter(page -> !page.equals(ReadmeSnippets.README))
                .filter(page -> !linked.contains(page.toAbsolutePath().normalize()))
                .map(Path::toString)
                .toList();

        assertFalse(pages.size() < 2, "there are reference pages under docs/");
        assertEquals(List.of(), orphans, "reference pages no other page links to");
    }

    @Test
    void anchor_headingText_followsGitHubsRules() {
        // GitHub lowercases, drops punctuation other than '-' and '_', turns spaces into '-' and numbers repeats
        assertEquals(
                List.of(
                        "templates-as-data-json-and-yaml-files",
                        "ab-tests-abtest",
                        "develop--nurture",
                        "facts-after-asof",
                        "the-demo",
                        "the-demo-1",
                        "rates-over-a-period"),
                anchorsOf(List.of(
                        "## Templates as data: JSON and YAML files",
                        "## A/B tests (`abtest`)",
                        "### Develop & nurture",
                        "## Facts after asOf",
                        "## The demo",
                        "## The demo",
                        "## Rates over a [period](metrics.md)")));
    }

    /** The link targets of a page's text, code blocks and inline code left out. */
    private static List<String> links(Path page) throws IOException {
        List<String> targets = new ArrayList<>();
        for (String line : prose(ReadmeSnippets.read(page))) {
            Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
            while (link.find()) {
                targets.add(link.group(2));
            }
        }
        return targets;
    }

    /** The anchors GitHub gives the headings of a markdown page. */
    private static Set<String> anchors(Path page) throws IOException {
        if (!page.toString().endsWith(".md")) {
            return Set.of();
        }
        return new LinkedHashSet<>(anchorsOf(prose(Files.readString(page))));
    }

    private static List<String> anchorsOf(List<String> lines) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> anchors = new ArrayList<>();
        for (String line : lines) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String text = LINK.matcher(heading.group(1).strip()).replaceAll("$1");
                StringBuilder anchor = new StringBuilder();
                text.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
                    if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                        anchor.appendCodePoint(c);
                    } else if (c == ' ') {
                        anchor.append('-');
                    }
                });
                int repeat = seen.merge(anchor.toString(), 1, Integer::sum) - 1;
                anchors.add(repeat == 0 ? anchor.toString() : anchor + "-" + repeat);
            }
        }
        return anchors;
    }

    /** The lines of a page outside its fenced code blocks. */
    private static List<String> prose(String text) {
        List<String> lines = new ArrayList<>();
        boolean inBlock = false;
        for (String line : text.lines().toList()) {
            if (line.startsWith("```")) {
                inBlock = !inBlock;
            } else if (!inBlock) {
                lines.add(line);
            }
        }
        return lines;
    }
}
