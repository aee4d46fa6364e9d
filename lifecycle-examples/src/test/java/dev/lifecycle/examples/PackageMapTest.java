package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every package of the library modules and the examples has a {@code package-info.java} that links every public
 * top-level type of the package, so that its documentation is a complete map of the package (a link may break across
 * javadoc lines). The types are found by reading the sources: a file {@code Name.java} whose top-level type {@code
 * Name} is declared {@code public}.
 */
final class PackageMapTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of(
            "lifecycle-core",
            "lifecycle-templates",
            "lifecycle-io",
            "lifecycle-metrics",
            "lifecycle-predict",
            "lifecycle-rfm",
            "lifecycle-examples");
    /** A public top-level declaration at the start of a line (members are indented). */
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:(?:abstract|final|sealed|non-sealed|static|strictfp)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)",
            Pattern.MULTILINE);

    /** Package name to the public top-level types of its sources, over every module above. */
    private static Map<String, SortedSet<String>> publicTypesByPackage() throws IOException {
        Map<String, SortedSet<String>> byPackage = new TreeMap<>();
        for (String module : MODULES) {
            Path sources = ROOT.resolve(module).resolve("src/main/java");
            assertTrue(Files.isDirectory(sources), () -> "no sources at " + sources);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(sources)) {
                files = walk.filter(p -> p.toString().endsWith(".java")).toList();
            }
            for (Path file : files) {
                String name = file.getFileName().toString().replace(".java", "");
                if (name.equals("module-info")) {
                    continue;
                }
                String pkg = sources.relativize(file.getParent())
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), ".");
                SortedSet<String> types = byPackage.computeIfAbsent(pkg, k -> new TreeSet<>());
                if (name.equals("package-info")) {
                    continue;
                }
                Matcher m = PUBLIC_TYPE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    if (m.group(1).equals(name)) {
                        types.add(name);
                    }
                }
            }
        }
        return byPackage;
    }

    private static Path packageInfo(String pkg) {
        for (String module : MODULES) {
            Path candidate = ROOT.resolve(module)
                    .resolve("src/main/java")
                    .resolve(pkg.replace('.', '/'))
                    .resolve("package-info.java");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        return ROOT.resolve("(no package-info.java for " + pkg + ")");
    }

    @Test
    void packageInfo_everyPackage_linksEveryPublicTopLevelType() throws IOException {
        Map<String, SortedSet<String>> byPackage = publicTypesByPackage();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, SortedSet<String>> entry : byPackage.entrySet()) {
            Path info = packageInfo(entry.getKey());
            if (!Files.exists(info)) {
                problems.add("package " + entry.getKey() + " has no package-info.java");
                continue;
            }
            String text = Files.readString(info, StandardCharsets.UTF_8);
            for (String type : entry.getValue()) {
                Pattern link = Pattern.compile("\\{@link(?:plain)?[\\s*]+(?:" + Pattern.quote(entry.getKey() + ".")
                        + ")?" + Pattern.quote(type) + "[\\s#}(]");
                if (!link.matcher(text).find()) {
                    problems.add(entry.getKey() + "." + type + " is not linked from " + ROOT.relativize(info));
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void publicTypesByPackage_findsTheKnownEntryPoints() throws IOException {
        Map<String, SortedSet<String>> byPackage = publicTypesByPackage();
        // the scan itself is checked against types every module is known to have, so that an empty scan cannot pass
        assertTrue(
                typesIn(byPackage, "dev.lifecycle.core")
                        .containsAll(List.of(
                                "LifecycleTemplate",
                                "LifecycleClassifier",
                                "LifecycleTracker",
                                "CustomerProfile",
                                "TemplateSpec",
                                "ProfileTable")),
                () -> typesIn(byPackage, "dev.lifecycle.core").toString());
        assertTrue(typesIn(byPackage, "dev.lifecycle.metrics.report").contains("LifecycleReport"));
        assertTrue(typesIn(byPackage, "dev.lifecycle.templates").contains("TemplateFiles"));
        assertTrue(typesIn(byPackage, "dev.lifecycle.io").contains("EventFileReader"));
        assertTrue(typesIn(byPackage, "dev.lifecycle.examples").contains("LifecycleDemo"));
        assertTrue(typesIn(byPackage, "dev.lifecycle.predict").contains("BgNbd"));
        assertTrue(!typesIn(byPackage, "dev.lifecycle.predict").contains("Hypergeometric"));
        assertTrue(typesIn(byPackage, "dev.lifecycle.rfm").contains("SegmentMap"));
        assertTrue(!typesIn(byPackage, "dev.lifecycle.rfm").contains("RfmCondition"));
        // package-private types are not part of the map
        assertTrue(!typesIn(byPackage, "dev.lifecycle.core").contains("ProfileColumns"));
        assertTrue(!typesIn(byPackage, "dev.lifecycle.metrics.report").contains("ReportHtml"));
        assertEquals(
                List.of(
                        "dev.lifecycle.core",
                        "dev.lifecycle.examples",
                        "dev.lifecycle.examples.data",
                        "dev.lifecycle.io",
                        "dev.lifecycle.metrics",
                        "dev.lifecycle.metrics.abtest",
                        "dev.lifecycle.metrics.cohort",
                        "dev.lifecycle.metrics.funnel",
                        "dev.lifecycle.metrics.internal",
                        "dev.lifecycle.metrics.nps",
                        "dev.lifecycle.metrics.rate",
                        "dev.lifecycle.metrics.report",
                        "dev.lifecycle.predict",
                        "dev.lifecycle.rfm",
                        "dev.lifecycle.templates"),
                List.copyOf(byPackage.keySet()));
    }

    /** The public types the scan found in a package, none if it found no such package (an assertion then fails). */
    private static Set<String> typesIn(Map<String, SortedSet<String>> byPackage, String packageName) {
        return byPackage.getOrDefault(packageName, new TreeSet<>());
    }
}
