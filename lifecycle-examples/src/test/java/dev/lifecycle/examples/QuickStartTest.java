package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

final class QuickStartTest {

    @Test
    void run_fiveStageExample_printsStagesAndPipeline() {
        assertEquals(
                List.of(
                        "ada is in Advocacy",
                        "  awareness -> conversion: orderCount 2 >= 1",
                        "  conversion -> retention: orderCount 2 >= 2",
                        "  retention -> advocacy: referralCount 1 >= 1",
                        "bob is in Lapsed, reached Conversion",
                        "awareness: 0",
                        "consideration: 1",
                        "conversion: 0",
                        "retention: 0",
                        "advocacy: 1",
                        "lapsed: 1"),
                ReadmeSnippets.output(QuickStart::run));
    }

    @Test
    void readme_quickStartBlock_isTheCompiledExample() throws IOException {
        ReadmeSnippets.assertReadmeShows("src/main/java/dev/lifecycle/examples/QuickStart.java", "quick-start");
    }

    @Test
    void readme_quickStartImports_areTheCompiledExamplesImports() throws IOException {
        ReadmeSnippets.assertReadmeShowsImports("src/main/java/dev/lifecycle/examples/QuickStart.java");
    }

    @Test
    void readme_minimalPom_isShownAndUsesThisBuildsVersions() throws Exception {
        Path pom = Path.of("src/test/resources/quickstart/pom.xml");
        ReadmeSnippets.assertReadmeShowsFile(pom, "xml");

        Document user = xml(pom);
        Document parent = xml(Path.of("..", "pom.xml"));
        Document bom = xml(Path.of("..", "lifecycle-bom", "pom.xml"));
        XPath xpath = XPathFactory.newInstance().newXPath();
        String version = xpath.evaluate("/project/version", parent);
        assertEquals(version, xpath.evaluate("/project/version", bom), "the BOM's version is the build's");
        assertEquals(
                version,
                xpath.evaluate(
                        "/project/dependencyManagement/dependencies/dependency[artifactId='lifecycle-bom']/version",
                        user));
        assertEquals("import", xpath.evaluate("//dependency[artifactId='lifecycle-bom']/scope", user));
        String compiler = "plugin[artifactId='maven-compiler-plugin']/version";
        assertEquals(
                xpath.evaluate("/project/build/pluginManagement/plugins/" + compiler, parent),
                xpath.evaluate("/project/build/plugins/" + compiler, user),
                "the quick start pins the compiler plugin the build uses");
        assertEquals(
                xpath.evaluate("/project/properties/maven.compiler.release", parent),
                xpath.evaluate(
                        "/project/build/plugins/plugin[artifactId='maven-compiler-plugin']/configuration/release",
                        user));
        // every module the BOM manages is one this build publishes, so its import resolves after the install step
        NodeList managed = (NodeList) xpath.evaluate(
                "/project/dependencyManagement/dependencies/dependency/artifactId", bom, XPathConstants.NODESET);
        for (int i = 0; i < managed.getLength(); i++) {
            String module = managed.item(i).getTextContent();
            assertTrue(Files.isRegularFile(Path.of("..", module, "pom.xml")), module + " is a module of this build");
        }
    }

    @Test
    void readme_installCommand_installsTheBomAndEveryModuleItManages() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher command =
                Pattern.compile("mvn -B -q install -DskipTests -pl (\\S+) -am").matcher(readme);
        assertTrue(command.find(), "README.md must show the install command of the quick start");
        Set<String> installed = new TreeSet<>(List.of(command.group(1).split(",")));

        Document bom = xml(Path.of("..", "lifecycle-bom", "pom.xml"));
        NodeList managed = (NodeList) XPathFactory.newInstance()
                .newXPath()
                .evaluate(
                        "/project/dependencyManagement/dependencies/dependency/artifactId",
                        bom,
                        XPathConstants.NODESET);
        Set<String> expected = new TreeSet<>(List.of("lifecycle-bom"));
        for (int i = 0; i < managed.getLength(); i++) {
            expected.add(managed.item(i).getTextContent());
        }
        assertEquals(expected, installed);
    }

    @Test
    void bom_everyManagedModule_buildsSourcesAndJavadocJars() throws Exception {
        XPath xpath = XPathFactory.newInstance().newXPath();
        NodeList managed = (NodeList) xpath.evaluate(
                "/project/dependencyManagement/dependencies/dependency/artifactId",
                xml(Path.of("..", "lifecycle-bom", "pom.xml")),
                XPathConstants.NODESET);
        assertTrue(managed.getLength() > 0, "the BOM manages the published modules");
        for (int i = 0; i < managed.getLength(); i++) {
            String module = managed.item(i).getTextContent();
            Document pom = xml(Path.of("..", module, "pom.xml"));
            assertEquals(
                    "jar-no-fork",
                    xpath.evaluate("/project/build/plugins/plugin[artifactId='maven-source-plugin']//goal", pom),
                    module + " builds a sources jar");
            assertEquals(
                    "jar",
                    xpath.evaluate("/project/build/plugins/plugin[artifactId='maven-javadoc-plugin']//goal", pom),
                    module + " builds a javadoc jar");
        }
    }

    private static Document xml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }
}
