package io.github.hmmrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The README's "Add to your project" Java example is the very file that the consumer project
 * {@code src/it/readme-example} compiles against the installed artifacts and runs during
 * {@code mvn verify}, so the README cannot drift from what is tested.
 */
class ReadmeConsumerExampleTest {

    @Test
    void readmeJavaExample_isTheConsumerProjectsSource() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## Add to your project");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        int end = readme.indexOf("```", start);
        assertTrue(section > 0 && start > section && end > start, "README has a ```java block in 'Add to your project'");
        String tested = Files.readString(Path.of("src", "it", "readme-example", "src", "main", "java", "FitHmmMoa.java"));
        assertEquals(tested, readme.substring(start, end));
    }
}
