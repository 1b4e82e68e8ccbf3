package org.cmppgw.cmpp.codec;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vectors on the test classpath are a copy of the project's shared {@code cmpp-vectors.json}; this proves the
 * copy has not drifted. The shared file lives beside the repository ({@code ../shared/}, or {@code ../../shared/} from
 * a worktree under {@code wt/}); {@code -Dcmpp.shared.vectors=PATH} names it explicitly. Where none exists (a clone
 * without the shared folder) the copy must at least parse and hold every vector.
 */
class GoldenVectorsCopyTest {
    private static final int VECTOR_COUNT = 19;

    @Test
    void theResourceCopyEqualsTheSharedVectorsWhereverTheyAreFound() throws IOException {
        byte[] copy;
        try (InputStream in = getClass().getResourceAsStream(GoldenVectors.RESOURCE)) {
            assertThat(in).as(GoldenVectors.RESOURCE).isNotNull();
            copy = in.readAllBytes();
        }
        JsonNode root = GoldenVectors.root();
        assertThat(root.get("format").asText()).isEqualTo("cmpp-golden-vectors/1");
        assertThat(root.get("vectors")).hasSizeGreaterThanOrEqualTo(VECTOR_COUNT);
        Path shared = sharedVectors();
        if (shared != null) {
            assertThat(copy).as("%s differs from the copy in src/test/resources/golden/", shared)
                .isEqualTo(Files.readAllBytes(shared));
        }
    }

    /** The shared file, or null when this checkout has none beside it. */
    private static Path sharedVectors() {
        String explicit = System.getProperty("cmpp.shared.vectors");
        if (explicit != null && !explicit.isBlank()) {
            Path path = Paths.get(explicit);
            assertThat(path).as("-Dcmpp.shared.vectors").isRegularFile();
            return path;
        }
        Path root = repositoryRoot();
        List<Path> candidates = new ArrayList<>();
        candidates.add(root.resolve("../shared/cmpp-vectors.json"));
        candidates.add(root.resolve("../../shared/cmpp-vectors.json"));
        return candidates.stream().filter(Files::isRegularFile).map(Path::normalize).findFirst().orElse(null);
    }

    /** Surefire runs in the module directory; the repository root is the first parent holding the wrapper. */
    private static Path repositoryRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("protocol-cmpp"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + dir);
    }
}
