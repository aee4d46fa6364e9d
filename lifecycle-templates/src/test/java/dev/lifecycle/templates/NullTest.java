package dev.lifecycle.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import dev.lifecycle.core.ConditionRegistry;
import dev.lifecycle.core.TemplateSpec;
import dev.lifecycle.core.Templates;
import dev.lifecycle.templates.TemplateFileException.Problem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Nulls rejected by every public method; {@link Problem} as a value. */
final class NullTest {

    @Test
    void publicMethods_nullArguments_rejected() {
        NullPointerTester tester = new NullPointerTester()
                .setDefault(Path.class, Path.of("t.yaml"))
                .setDefault(TemplateSpec.class, TemplateSpec.of(Templates.fiveStage()))
                .setDefault(ConditionRegistry.class, ConditionRegistry.empty())
                .setDefault(TemplateFiles.Format.class, TemplateFiles.Format.YAML);
        tester.testAllPublicStaticMethods(TemplateFiles.class);
        tester.testAllPublicStaticMethods(TemplateFiles.Format.class);
        tester.testAllPublicConstructors(Problem.class);
    }

    @Test
    void problem_equalsAndHashCode_byAllComponents() {
        new EqualsTester()
                .addEqualityGroup(new Problem("a.yaml", "id", 1, 2, "m"), new Problem("a.yaml", "id", 1, 2, "m"))
                .addEqualityGroup(new Problem("b.yaml", "id", 1, 2, "m"))
                .addEqualityGroup(new Problem("a.yaml", "name", 1, 2, "m"))
                .addEqualityGroup(new Problem("a.yaml", "id", 3, 2, "m"))
                .addEqualityGroup(new Problem("a.yaml", "id", 1, 3, "m"))
                .addEqualityGroup(new Problem("a.yaml", "id", 1, 2, "n"))
                .testEquals();
    }

    @Test
    void problem_toString_likeACompiler() {
        assertEquals("a.yaml:3:7: stages[0].id: bad", new Problem("a.yaml", "stages[0].id", 3, 7, "bad").toString());
        assertEquals("a.yaml:3: id: bad", new Problem("a.yaml", "id", 3, 0, "bad").toString());
        assertEquals("a.yaml: the file is empty", new Problem("a.yaml", "", 0, 0, "the file is empty").toString());
    }

    @Test
    void problem_negativeLine_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Problem("a.yaml", "", -1, 0, "m"));

        assertEquals("line and column must not be negative but were -1 and 0", e.getMessage());
    }
}
