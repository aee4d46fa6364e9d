package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The browser helper sees what the report test relies on it to see: errors in a page, and a blank screenshot. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class HeadlessChromiumTest {
    private static HeadlessChromium browser;

    @BeforeAll
    static void startBrowser() throws IOException, InterruptedException {
        browser = HeadlessChromium.launch(HeadlessChromium.require(), Duration.ofSeconds(15));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void problems_pageWithErrors_listsEachOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.html");
        Files.writeString(file, """
                <!DOCTYPE html><html><head><title>broken</title></head><body><p>text</p>
                <script>console.error('bad', 42); console.warn('odd'); console.log('fine');</script>
                <script>throw new TypeError('thrown on purpose');</script>
                <img src="missing.png" alt="" />
                </body></html>
                """);

        List<String> problems = browser.open(file, 800, 600).problems();

        assertTrue(problems.contains("console.error: bad 42"), problems::toString);
        assertTrue(problems.contains("console.warning: odd"), problems::toString);
        assertTrue(
                problems.stream().anyMatch(p -> p.startsWith("uncaught exception: TypeError: thrown on purpose")),
                problems::toString);
        assertTrue(
                problems.stream().anyMatch(p -> p.startsWith("browser log (network): ") && p.contains("missing.png")),
                problems::toString);
        assertFalse(problems.stream().anyMatch(p -> p.contains("fine")), problems::toString);
    }

    @Test
    void page_cleanPage_noProblemsAndValuesEvaluated(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("clean.html");
        Files.writeString(file, """
                <!DOCTYPE html><html><head><title>clean</title></head>
                <body style="margin:0"><div id="box" style="width:120px;height:30px;background:#1f6fb2"></div></body></html>
                """);

        HeadlessChromium.Page page = browser.open(file, 640, 480);

        assertEquals(List.of(), page.problems());
        assertEquals(640, page.evaluate("window.innerWidth").asInt());
        assertEquals(
                120, page.evaluate("document.getElementById('box').offsetWidth").asInt());
        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(page.screenshotPng()));
        assertEquals(640, shot.getWidth());
        assertEquals(0x1f6fb2, shot.getRGB(60, 15) & 0xffffff);
        assertEquals(0xffffff, shot.getRGB(300, 200) & 0xffffff);
    }

    @Test
    void assertNotBlank_blankPage_fails(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("blank.html");
        Files.writeString(file, "<!DOCTYPE html><html><head><title>blank</title></head><body></body></html>\n");

        BufferedImage shot = ImageIO.read(
                new ByteArrayInputStream(browser.open(file, 640, 480).screenshotPng()));

        AssertionFailedError e =
                assertThrows(AssertionFailedError.class, () -> HtmlReportInBrowserTest.assertNotBlank(shot));
        assertTrue(
                String.valueOf(e.getMessage()).startsWith("screenshot looks blank: 1 colours, 0.0 of pixels not white"),
                e::getMessage);
    }

    @Test
    void evaluate_throwingExpression_failsWithTheError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plain.html");
        Files.writeString(file, "<!DOCTYPE html><html><head><title>plain</title></head><body></body></html>\n");
        HeadlessChromium.Page page = browser.open(file, 640, 480);

        IOException e = assertThrows(IOException.class, () -> page.evaluate("nosuchname.length"));

        assertTrue(String.valueOf(e.getMessage()).contains("nosuchname is not defined"), e::getMessage);
    }
}
