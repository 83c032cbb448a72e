package com.livecommerce.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Proves that a service's OpenAPI document is one a client team can generate from: fetches the live
 * document, lints it with Redocly (recommended rules), generates a Java client with OpenAPI Generator
 * ({@code -g java --library native}), compiles it together with a hand-written story, and runs the story
 * against the running service.
 * <p>
 * The generator runs as its own {@code java -jar} process and the client is compiled and run in an
 * isolated class loader (parent: the platform class loader), so neither ever mixes with the Quarkus test
 * class path. Both come from Maven Central at build time: a service's pom declares
 * {@code maven-dependency-plugin}, whose {@code openapi-client-tools} execution (parent pom) copies them to
 * {@code target/openapi-client-tools}. Redocly runs through {@code npx}.
 * <p>
 * A story is a {@code .java} test resource with {@code public static void main(String[] args)}, called with
 * the service's base URI and a bearer token, then any further arguments the test gives (e.g. ids of data it
 * seeded through events, which a client cannot create); it throws (an {@link AssertionError}) on any mismatch.
 */
public final class OpenApiClients {

    public static final String REDOCLY = "@redocly/cli@2.77.0";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][a-zA-Z0-9]*");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern CLASS = Pattern.compile("(?m)^public\\s+(?:final\\s+)?class\\s+(\\w+)");

    private OpenApiClients() {
    }

    /** The outcome of one run of {@link #verify}. */
    public record Result(Path document, Lint lint, Path generatedSources, Path classes) {
    }

    /** Redocly's counts, and its findings one per line. */
    public record Lint(int errors, int warnings, List<String> problems) {

        public String report() {
            return errors + " error(s), " + warnings + " warning(s)" + (problems.isEmpty() ? "" : ":\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * All steps: fetch, lint (0 errors, else {@link AssertionError}), check operationIds, generate the client
     * in {@code basePackage} (.api, .model, .invoker), compile it with the story resource, run the story.
     *
     * @param app           the running service, e.g. {@code http://localhost:41234/}
     * @param workDir       where the document, the generated sources and classes go (wiped first)
     * @param basePackage   root package of the generated client
     * @param storyResource class path resource of the story's source, e.g. {@code openapi-client/MerchantClientStory.java}
     * @param token         bearer token the story uses
     * @param storyArgs     further arguments of the story's {@code main}, after the base URI and the token
     */
    public static Result verify(URI app, Path workDir, String basePackage, String storyResource, String token, String... storyArgs) {
        deleteRecursively(workDir);
        Path document = fetch(app, workDir);
        Lint lint = lint(document);
        if (lint.errors() > 0) {
            throw new AssertionError("Redocly lint (recommended) found errors in " + document + ": " + lint.report());
        }
        requireOperationIds(document);
        requireTryItOutAsServed(document);
        Path sources = generate(document, workDir.resolve("generated"), basePackage);
        String story = resource(storyResource);
        Path classes = compile(sources, story, workDir.resolve("classes"));
        runStory(classes, qualifiedName(story), app.toString(), token, storyArgs);
        return new Result(document, lint, sources, classes);
    }

    /** GETs {@code /q/openapi?format=json} and stores it as {@code openapi.json} in {@code workDir}. */
    public static Path fetch(URI app, Path workDir) {
        try {
            Files.createDirectories(workDir);
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(app.resolve("/q/openapi?format=json")).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new AssertionError("GET /q/openapi answered " + response.statusCode() + ": " + response.body());
            }
            Path document = workDir.resolve("openapi.json");
            Files.writeString(document, response.body());
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code npx -y @redocly/cli@2.77.0 lint} with the recommended rules; the full report lands next to the document. */
    public static Lint lint(Path document) {
        Path dir = document.toAbsolutePath().getParent();
        Path out = dir.resolve("redocly-lint.json");
        Path log = dir.resolve("redocly-lint.log");
        Process process = start(List.of("npx", "-y", REDOCLY, "lint", "--format=json", "--max-problems=1000",
                document.getFileName().toString()), dir, out, log, Map.of("REDOCLY_TELEMETRY", "off",
                "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true", "NO_COLOR", "1"));
        int exit = waitFor(process, "redocly lint", Duration.ofMinutes(5), log);
        try {
            String text = Files.readString(out);
            int start = text.indexOf('{');
            if (start < 0) {
                throw new AssertionError("redocly lint (exit " + exit + ") gave no JSON report:\n" + text + "\n" + tail(log));
            }
            JsonNode report = JSON.readTree(text.substring(start));
            List<String> problems = new ArrayList<>();
            for (JsonNode p : report.path("problems")) {
                problems.add(p.path("severity").asText() + " " + p.path("ruleId").asText() + " at "
                        + p.path("location").path(0).path("pointer").asText() + ": " + p.path("message").asText());
            }
            return new Lint(report.path("totals").path("errors").asInt(), report.path("totals").path("warnings").asInt(), problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operation has an explicit, unique camelCase operationId (generated method names depend on it). */
    public static void requireOperationIds(Path document) {
        JsonNode paths = readJson(document).path("paths");
        List<String> wrong = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace").contains(op.getKey())) {
                    continue;
                }
                String id = op.getValue().path("operationId").asText("");
                String where = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                if (id.isEmpty()) {
                    wrong.add(where + ": no operationId");
                } else if (!CAMEL_CASE.matcher(id).matches()) {
                    wrong.add(where + ": operationId '" + id + "' is not camelCase");
                } else if (!seen.add(id)) {
                    wrong.add(where + ": operationId '" + id + "' is used twice");
                }
            }
        }
        if (!wrong.isEmpty()) {
            throw new AssertionError("operationIds:\n  " + String.join("\n  ", wrong));
        }
    }

    /**
     * The Swagger UI's "Try it out" sends what a person chose, to where the page came from: every server is a relative
     * URL (resolved against the document's own, so Execute goes to the host the page was opened on; an absolute
     * {@code http://localhost:8081} is another origin for a page opened at 127.0.0.1, and the browser refuses the call),
     * and no optional query parameter (a list's filter) carries an example, which the Swagger UI would fill in and
     * silently filter the first answer with. Required parameters may show one: a value has to be given anyway.
     */
    public static void requireTryItOutAsServed(Path document) {
        List<String> problems = tryItOutProblems(readJson(document));
        if (!problems.isEmpty()) {
            throw new AssertionError("the document does not serve the Swagger UI's Try it out as it should:\n  " + String.join("\n  ", problems));
        }
    }

    /** What {@link #requireTryItOutAsServed} finds wrong in {@code openApi} (empty when nothing). */
    public static List<String> tryItOutProblems(JsonNode openApi) {
        List<String> problems = new ArrayList<>();
        JsonNode servers = openApi.path("servers");
        if (!servers.isArray() || servers.isEmpty()) {
            problems.add("no servers (a client generator and Redocly's no-empty-servers want one)");
        }
        for (JsonNode server : servers) {
            String url = server.path("url").asText("");
            if (!url.startsWith("/") || url.startsWith("//")) {
                problems.add("server '" + url + "' is not a relative URL such as '/': Execute would call that host, not the page's");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = openApi.path("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            List<JsonNode> shared = new ArrayList<>();
            path.getValue().path("parameters").forEach(shared::add);
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace").contains(op.getKey())) {
                    continue;
                }
                List<JsonNode> parameters = new ArrayList<>(shared);
                op.getValue().path("parameters").forEach(parameters::add);
                for (JsonNode parameter : parameters) {
                    if (!"query".equals(parameter.path("in").asText()) || parameter.path("required").asBoolean(false)) {
                        continue;
                    }
                    JsonNode schema = parameter.path("schema");
                    if (parameter.has("example") || parameter.has("examples") || schema.has("example") || schema.has("examples")) {
                        problems.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + ": optional query parameter '"
                                + parameter.path("name").asText() + "' has an example, which Try it out fills in");
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Runs OpenAPI Generator ({@code -g java --library native}) as its own process; returns the source root.
     * Parameters keep the document's order ({@code sortParamsByRequiredFlag=false}), so a parameter that
     * becomes optional does not reorder a method's arguments.
     */
    public static Path generate(Path document, Path outDir, String basePackage) {
        Path cli = tools().resolve("generator/openapi-generator-cli.jar");
        requireFile(cli);
        deleteRecursively(outDir);
        Path log = outDir.resolveSibling("openapi-generator.log");
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process = start(List.of(javaExecutable(), "-Xmx512m", "-jar", cli.toAbsolutePath().toString(), "generate",
                "-i", document.toAbsolutePath().toString(), "-g", "java", "--library", "native",
                "-o", outDir.toAbsolutePath().toString(),
                "--api-package", basePackage + ".api", "--model-package", basePackage + ".model",
                "--invoker-package", basePackage + ".invoker",
                "--additional-properties", "useJakartaEe=true,hideGenerationTimestamp=true,sortParamsByRequiredFlag=false",
                "--global-property", "apiTests=false,modelTests=false,apiDocs=false,modelDocs=false"),
                outDir, log, log, Map.of());
        int exit = waitFor(process, "openapi-generator", Duration.ofMinutes(5), log);
        if (exit != 0) {
            throw new AssertionError("openapi-generator failed (exit " + exit + "):\n" + tail(log));
        }
        return outDir.resolve("src/main/java");
    }

    /** Compiles the generated client and the story against the client's runtime jars only. */
    public static Path compile(Path sourceRoot, String storySource, Path classesDir) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler: run the tests on a JDK");
        }
        deleteRecursively(classesDir);
        try {
            Files.createDirectories(classesDir);
            Path storyDir = classesDir.resolveSibling("story-src");
            deleteRecursively(storyDir);
            Files.createDirectories(storyDir);
            Path story = storyDir.resolve(simpleName(storySource) + ".java");
            Files.writeString(story, storySource);
            List<Path> sources;
            try (Stream<Path> walk = Files.walk(sourceRoot)) {
                sources = walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toCollection(ArrayList::new));
            }
            sources.add(story);
            String classpath = clientLibraries().stream().map(p -> p.toAbsolutePath().toString())
                    .collect(Collectors.joining(java.io.File.pathSeparator));
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
                boolean ok = compiler.getTask(null, files, diagnostics,
                        List.of("-d", classesDir.toString(), "-classpath", classpath, "--release", "17", "-proc:none",
                                "-encoding", "UTF-8", "-nowarn", "-Xlint:none"),
                        null, files.getJavaFileObjectsFromPaths(sources)).call();
                if (!ok) {
                    String errors = diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                            .limit(30).map(d -> (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                                    + d.getMessage(Locale.ROOT))
                            .collect(Collectors.joining("\n  "));
                    throw new AssertionError("the generated client and the story do not compile:\n  " + errors);
                }
            }
            return classesDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code storyClass.main(baseUri, token, storyArgs...)} in a class loader that sees only the client, its jars and the JDK. */
    public static void runStory(Path classesDir, String storyClass, String baseUri, String token, String... storyArgs) {
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(classesDir.toUri().toURL());
            for (Path jar : clientLibraries()) {
                urls.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader("openapi-client", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(loader);
            Method main = loader.loadClass(storyClass).getMethod("main", String[].class);
            String[] args = new String[2 + storyArgs.length];
            args[0] = baseUri;
            args[1] = token;
            System.arraycopy(storyArgs, 0, args, 2, storyArgs.length);
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw new AssertionError("the client story failed: " + cause, cause);
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("cannot run the client story " + storyClass, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** {@code target/openapi-client-tools} (or the {@code openapi.client.tools} system property). */
    public static Path tools() {
        return Path.of(System.getProperty("openapi.client.tools", "target/openapi-client-tools"));
    }

    static List<Path> clientLibraries() {
        Path dir = tools().resolve("client-libs");
        requireFile(dir);
        try (Stream<Path> jars = Files.list(dir)) {
            return jars.filter(p -> p.toString().endsWith(".jar")).sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireFile(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(path.toAbsolutePath() + " is missing: declare maven-dependency-plugin in the"
                    + " service's pom (its openapi-client-tools execution, from the parent pom, copies it there) and run"
                    + " the tests with Maven");
        }
    }

    /** Starts {@code command} in {@code dir} with its output (and errors) in files; shared with {@link AsyncApiDocs}. */
    static Process start(List<String> command, Path dir, Path output, Path errors, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        if (output.equals(errors)) {
            builder.redirectErrorStream(true).redirectOutput(output.toFile());
        } else {
            builder.redirectOutput(output.toFile()).redirectError(errors.toFile());
        }
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + " (" + e.getMessage() + ")"
                    + ("npx".equals(command.get(0)) ? ": Node.js with npx must be on the PATH" : ""), e);
        }
    }

    /** Waits for {@code process}; past {@code timeout} it is killed and an AssertionError shows its output's tail. */
    static int waitFor(Process process, String what, Duration timeout, Path output) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(what + " did not finish within " + timeout + ":\n" + tail(output));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no story on the class path: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String simpleName(String source) {
        Matcher m = CLASS.matcher(source);
        if (!m.find()) {
            throw new IllegalArgumentException("the story declares no public class");
        }
        return m.group(1);
    }

    private static String qualifiedName(String source) {
        Matcher m = PACKAGE.matcher(source);
        return (m.find() ? m.group(1) + "." : "") + simpleName(source);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
