package org.cmppgw.simulator.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine-readable result file: {@link LoadResult} as indented JSON, and back. */
public final class ResultFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultFiles() {
    }

    public static void write(Path file, LoadResult result) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(file.toFile(), result);
        } catch (IOException e) {
            throw new UncheckedIOException("result file " + file + " - cannot write", e);
        }
    }

    public static LoadResult read(Path file) {
        try {
            return JSON.readValue(file.toFile(), LoadResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("result file " + file + " - cannot read", e);
        }
    }
}
