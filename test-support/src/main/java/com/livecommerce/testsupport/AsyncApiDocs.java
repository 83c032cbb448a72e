package com.livecommerce.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses an AsyncAPI file with the AsyncAPI initiative's own parser ({@code @asyncapi/parser}, run by Node.js), the
 * tool the contract is checked with: it validates the document against the AsyncAPI schema, resolves every
 * {@code $ref} (the data schemas beside it) and runs its rules; Avro payload schemas are read by the initiative's
 * {@code @asyncapi/avro-schema-parser}. Both are installed once from npm into
 * {@code ~/.cache/livecommerce/asyncapi-parser-<version>-avro-<version>}.
 */
public final class AsyncApiDocs {

    public static final String PARSER_VERSION = "3.6.6";
    /** Reads the Avro schemas a document names ({@code schemaFormat: application/vnd.apache.avro...}). */
    public static final String AVRO_PARSER_VERSION = "3.1.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = """
            import { Parser, fromFile } from '@asyncapi/parser';
            import { AvroSchemaParser } from '@asyncapi/avro-schema-parser';
            const parser = new Parser();
            parser.registerSchemaParser(AvroSchemaParser());
            const { document, diagnostics } = await fromFile(parser, process.argv[2]).parse();
            console.log(JSON.stringify({ parsed: document !== undefined, diagnostics: diagnostics.map(d => ({
              severity: d.severity, code: d.code, message: d.message, path: (d.path || []).join('/') })) }));
            """;

    /** The parser's verdict: whether it produced a document, its errors (severity 0) and warnings (severity 1). */
    public record Result(boolean parsed, List<String> errors, List<String> warnings) {
    }

    private AsyncApiDocs() {
    }

    public static Result parse(Path asyncApiFile) {
        Path tool = install();
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String out = run(tool, List.of("node", "parse.mjs", asyncApiFile.toAbsolutePath().toString()), 120);
        try {
            JsonNode result = JSON.readTree(out.substring(out.indexOf('{')));
            for (JsonNode d : result.path("diagnostics")) {
                String text = d.path("code").asText() + " at /" + d.path("path").asText() + ": " + d.path("message").asText();
                switch (d.path("severity").asInt()) {
                    case 0 -> errors.add(text);
                    case 1 -> warnings.add(text);
                    default -> { }
                }
            }
            return new Result(result.path("parsed").asBoolean(), errors, warnings);
        } catch (IOException | StringIndexOutOfBoundsException e) {
            throw new AssertionError("the AsyncAPI parser gave no result for " + asyncApiFile + ":\n" + out, e);
        }
    }

    private static synchronized Path install() {
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "livecommerce",
                "asyncapi-parser-" + PARSER_VERSION + "-avro-" + AVRO_PARSER_VERSION);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("parse.mjs"), SCRIPT, StandardCharsets.UTF_8);
            if (!Files.exists(dir.resolve("node_modules/@asyncapi/avro-schema-parser/package.json"))) {
                Files.writeString(dir.resolve("package.json"), "{\"name\": \"asyncapi-check\", \"private\": true, \"type\": \"module\"}");
                run(dir, List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "@asyncapi/parser@" + PARSER_VERSION,
                        "@asyncapi/avro-schema-parser@" + AVRO_PARSER_VERSION), 300);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code command} in {@code dir} through {@link OpenApiClients}' process helpers; its output, or an AssertionError. */
    private static String run(Path dir, List<String> command, int timeoutSeconds) {
        try {
            Path log = Files.createTempFile("asyncapi-", ".log");
            int exit = OpenApiClients.waitFor(OpenApiClients.start(command, dir, log, log, Map.of()), String.join(" ", command),
                    Duration.ofSeconds(timeoutSeconds), log);
            String out = Files.readString(log);
            Files.deleteIfExists(log);
            if (exit != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + exit + "):\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
