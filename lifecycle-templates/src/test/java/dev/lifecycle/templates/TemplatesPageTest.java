package dev.lifecycle.templates;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** docs/templates.md shows the example template file exactly as {@link MyShopExampleTest} loads and checks it. */
final class TemplatesPageTest {

    @Test
    void templatesPage_templatesAsDataSection_showsTheTestedExampleFile() throws IOException {
        String example = Files.readString(MyShopExampleTest.MY_SHOP);
        String page = DocPages.read(DocPages.TEMPLATES);

        assertTrue(
                page.contains("```yaml\n" + example + "```\n"),
                () -> DocPages.TEMPLATES + " must show " + MyShopExampleTest.MY_SHOP + " exactly:\n" + example);
    }
}
