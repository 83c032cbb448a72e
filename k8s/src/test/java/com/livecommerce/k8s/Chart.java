package com.livecommerce.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The chart k8s/livecommerce through real Helm (helm-java): strict lint and template of a values file, and the
 * rendered objects parsed strictly with the fabric8 Kubernetes model.
 */
final class Chart {

    static final Path DIR = Paths.get(System.getProperty("k8s.chart", "livecommerce")).toAbsolutePath().normalize();
    static final String RELEASE = "livecommerce";
    static final String NAMESPACE = "livecommerce";
    /** The kinds the chart may render whose schema is a CRD (not in the fabric8 core model): checked by hand. */
    static final Set<String> CUSTOM_KINDS = Set.of("ServiceMonitor", "PrometheusRule", "KafkaTopic");

    static final YAMLMapper YAML = new YAMLMapper();
    /** No coercion of scalars: "2" for an int, 1 for a string fail instead of being converted. */
    static final KubernetesSerialization STRICT = new KubernetesSerialization(strictMapper(), true);

    private static ObjectMapper strictMapper() {
        ObjectMapper m = JsonMapper.builder().disable(MapperFeature.ALLOW_COERCION_OF_SCALARS).build();
        for (LogicalType t : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return m;
    }

    private Chart() {
    }

    static Path values(String file) {
        return DIR.resolve(file);
    }

    /**
     * `helm template` with the chart's values.yaml, then the given values files and --set pairs, in order, hooks included.
     * helm-java's template answers the release manifest only, without the hooks (the migration Jobs). So the chart is
     * also rendered from a copy whose templates name the hook annotations {@value #HOOK_STAND_IN} instead of
     * helm.sh/hook (Helm then keeps them in the manifest), the names are put back, and the objects of the real chart
     * must be exactly the copy's objects that are not hooks.
     */
    static String template(List<Path> valuesFiles, Map<String, Object> sets, Path work) {
        String real = template(DIR, valuesFiles, sets);
        Path copy = copy(work.resolve("with-hooks"), "helm.sh/hook", HOOK_STAND_IN);
        String all = template(copy, valuesFiles, sets).replace(HOOK_STAND_IN, "helm.sh/hook");
        List<JsonNode> notHooks = documents(all).stream().filter(d -> !d.path("metadata").path("annotations").has("helm.sh/hook")).toList();
        if (!documents(real).equals(notHooks)) {
            throw new IllegalStateException("the chart and its copy with visible hooks render different objects");
        }
        return all;
    }

    static final String HOOK_STAND_IN = "hooks.livecommerce.test/hook";

    private static String template(Path chart, List<Path> valuesFiles, Map<String, Object> sets) {
        TemplateCommand t = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion("1.31.0");
        for (Path v : valuesFiles) {
            t = t.withValuesFile(v);
        }
        for (Map.Entry<String, Object> s : sets.entrySet()) {
            t = t.set(s.getKey(), s.getValue());
        }
        return t.call();
    }

    /** A copy of the chart in dir, with a text replaced in its templates. */
    static Path copy(Path dir, String from, String to) {
        try {
            Path copy = dir.resolve(DIR.getFileName());
            try (Stream<Path> files = Files.walk(DIR)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve(DIR.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else if (f.getParent().getFileName().toString().equals("templates")) {
                        Files.writeString(target, Files.readString(f).replace(from, to));
                    } else {
                        Files.copy(f, target);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * `helm lint --strict` with a values file. helm-java's lint takes no values file, so the chart is copied to a
     * temporary directory whose values.yaml is the chart's values.yaml merged with the file the way Helm merges values
     * (maps deep, everything else replaced, null deletes).
     */
    static LintResult lintStrict(Path valuesFile, Path work) {
        try {
            Path copy = copy(work.resolve("lint"), "", "");
            if (valuesFile != null) {
                ObjectNode merged = (ObjectNode) YAML.readTree(DIR.resolve("values.yaml").toFile());
                merge(merged, (ObjectNode) YAML.readTree(valuesFile.toFile()));
                YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
            }
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void merge(ObjectNode into, ObjectNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = into.get(e.getKey());
            if (e.getValue().isNull()) {
                into.remove(e.getKey());
            } else if (old instanceof ObjectNode o && e.getValue() instanceof ObjectNode n) {
                merge(o, n);
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /** The documents of a rendered manifest (empty ones dropped). */
    static List<JsonNode> documents(String manifest) {
        try {
            List<JsonNode> docs = new ArrayList<>();
            try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(new YAMLFactory().createParser(manifest))) {
                while (it.hasNext()) {
                    JsonNode d = it.next();
                    if (d != null && !d.isNull() && !d.isMissingNode() && d.size() > 0) {
                        docs.add(d);
                    }
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One rendered object as its fabric8 model type, strictly: its kind must be a known one of the model, every field
     * must be a field of the model (fabric8 keeps unknown fields in additionalProperties: any one fails) and every value
     * must have the model's type (no coercion).
     */
    static HasMetadata strict(JsonNode doc) {
        String json;
        try {
            json = new ObjectMapper().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Object o = STRICT.unmarshal(json);
        if (!(o instanceof HasMetadata h) || o instanceof GenericKubernetesResource) {
            throw new IllegalArgumentException("not a kind of the Kubernetes model: " + doc.path("apiVersion").asText()
                    + " " + doc.path("kind").asText());
        }
        List<String> unknown = new ArrayList<>();
        unknownFields(o, h.getKind() + " " + h.getMetadata().getName(), unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown fields: " + unknown);
        }
        // types: Jackson converts some scalars on the way in ("2" for an int); the object written back must be the
        // document, value for value and type for type
        String diff = difference(doc, STRICT.convertValue(o, JsonNode.class), "");
        if (diff != null) {
            throw new IllegalArgumentException("not of the model's type: " + diff);
        }
        return h;
    }

    private static String difference(JsonNode in, JsonNode out, String path) {
        if (in.isObject() && out != null && out.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode o = out.get(e.getKey());
                if (o == null) {
                    if (e.getValue().isNull() || (e.getValue().isContainerNode() && e.getValue().isEmpty())) {
                        continue;
                    }
                    return path + "." + e.getKey() + " is lost";
                }
                String d = difference(e.getValue(), o, path + "." + e.getKey());
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (in.isArray() && out != null && out.isArray() && in.size() == out.size()) {
            for (int i = 0; i < in.size(); i++) {
                String d = difference(in.get(i), out.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return in.equals(out) || (in.isNumber() && out != null && out.isNumber() && in.decimalValue().compareTo(out.decimalValue()) == 0)
                ? null : path + ": " + in + " read as " + out;
    }

    private static void unknownFields(Object o, String path, List<String> unknown, IdentityHashMap<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                unknownFields(e, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, unknown, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method g : o.getClass().getMethods()) {
            if (g.getParameterCount() != 0 || Modifier.isStatic(g.getModifiers()) || !g.getName().startsWith("get")
                    || g.getDeclaringClass() == Object.class) {
                continue;
            }
            Object v;
            try {
                v = g.invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (g.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                unknownFields(v, path + "." + g.getName().substring(3), unknown, seen);
            }
        }
    }
}
