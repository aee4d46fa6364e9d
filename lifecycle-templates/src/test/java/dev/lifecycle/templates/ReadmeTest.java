package dev.lifecycle.templates;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README shows the example template file exactly as {@link MyShopExampleTest} loads and checks it. */
final class ReadmeTest {

    @Test
    void readme_templatesAsDataSection_showsTheTestedExampleFile() throws IOException {
        String example = Files.readString(MyShopExampleTest.MY_SHOP);
        String readme = Files.readString(Path.of("..", "README.md"));

        assertTrue(
                readme.contains("```yaml\n" + example + "```\n"),
                () -> "README.md must show " + MyShopExampleTest.MY_SHOP + " exactly:\n" + example);
    }
}
