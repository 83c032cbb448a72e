package com.livecommerce.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The Helm chart k8s/livecommerce, offline: real Helm, the Kubernetes model, the suite's policies. */
class ChartTest {

    static final List<String> SERVICES = List.of("matching-service", "merchant-service", "provider-service", "session-service");
    /** The staff console (console/): a Deployment of its own, without database or migration. */
    static final String CONSOLE = "console";
    static final Map<String, Integer> PORTS = Map.of("merchant-service", 8081, "provider-service", 8082,
            "session-service", 8083, "matching-service", 8084);
    static final Set<String> TOPICS = Set.of("merchant-events", "provider-events", "session-events", "session-telemetry",
            "engagement-events");
    /** Every optional part on (Ingress, ServiceMonitor, PrometheusRule, KafkaTopics). */
    static final Map<String, Object> ALL_ON = Map.of("ingress.enabled", true,
            "services.merchant.ingress.host", "merchant.example.com", "services.provider.ingress.host", "provider.example.com",
            "services.session.ingress.host", "session.example.com", "services.matching.ingress.host", "matching.example.com",
            "console.ingress.host", "console.example.com",
            "metrics.serviceMonitor.enabled", true, "metrics.prometheusRule.enabled", true, "kafkaTopics.enabled", true);

    @TempDir
    Path work;

    // ---- real Helm

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-dev.yaml", "values-prod.yaml"})
    void lintStrict(String values) {
        LintResult r = Chart.lintStrict(Chart.values(values), work);
        assertFalse(r.isFailed(), () -> values + ": " + r.getMessages());
        assertTrue(r.getMessages().stream().noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]")),
                () -> values + ": " + r.getMessages());
    }

    // ---- every rendered object, strictly, and the policies

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-dev.yaml", "values-prod.yaml"})
    void rendersValidObjectsThatFollowThePolicies(String values) {
        Rendered r = render(values, Map.of());
        r.checkPolicies();
    }

    @Test
    void everyOptionalPartRendersValidObjects() {
        Rendered r = render("values-prod.yaml", ALL_ON);
        r.checkPolicies();
        assertEquals(SERVICES.size(), r.custom("ServiceMonitor").size());
        for (HasMetadata i : r.all("Ingress")) {
            assertTrue(SERVICES.stream().anyMatch(s -> i.getMetadata().getName().endsWith(s)) || i.getMetadata().getName().endsWith(CONSOLE));
        }
        assertEquals(SERVICES.size() + 1, r.all("Ingress").size(), "the services' and the console's");
        // the alerts of the runbook
        List<JsonNode> rules = r.custom("PrometheusRule");
        assertEquals(1, rules.size());
        Set<String> alerts = new TreeSet<>();
        rules.get(0).path("spec").path("groups").forEach(g -> g.path("rules").forEach(rule -> {
            assertFalse(rule.path("expr").asText().isBlank(), rule::toString);
            alerts.add(rule.path("alert").asText());
        }));
        assertEquals(new TreeSet<>(Set.of("LivecommerceOutboxBacklog", "LivecommerceDeadLetters", "LivecommerceConsumerLag",
                "LivecommerceReadinessFlapping", "LivecommerceHttp5xx")), alerts);
        // Strimzi topics: the five topics of ARCHITECTURE.md and every dead-letter topic the services' properties name
        Set<String> topics = new TreeSet<>();
        for (JsonNode t : r.custom("KafkaTopic")) {
            assertEquals("kafka.strimzi.io/v1beta2", t.path("apiVersion").asText());
            assertTrue(t.path("spec").path("partitions").isInt(), t::toString);
            assertTrue(t.path("spec").path("replicas").isInt(), t::toString);
            assertTrue(t.path("spec").path("config").path("retention.ms").isIntegralNumber(), t::toString);
            assertTrue(t.path("metadata").path("labels").has("strimzi.io/cluster"), t::toString);
            assertTrue(t.path("metadata").path("name").asText().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"), t::toString);
            topics.add(t.path("spec").path("topicName").asText());
        }
        Set<String> expected = new TreeSet<>(TOPICS);
        expected.addAll(deadLetterTopicsOfTheServices());
        assertEquals(expected, topics);
    }

    @Test
    void productionHasTwoReplicasSpreadAcrossNodesAndHeapInsideTheLimit() {
        Rendered r = render("values-prod.yaml", Map.of());
        for (Deployment d : r.deployments()) {
            String name = d.getMetadata().getName();
            HorizontalPodAutoscaler hpa = r.hpaOf(d);
            int min = hpa != null ? hpa.getSpec().getMinReplicas() : d.getSpec().getReplicas();
            assertTrue(min >= 2, name + ": " + min + " replicas");
            if (hpa != null) {
                assertTrue(hpa.getSpec().getMaxReplicas() >= min, name);
            }
            assertTrue(d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints().stream()
                    .anyMatch(t -> t.getTopologyKey().equals("kubernetes.io/hostname")), name + ": no spread across nodes");
            PodDisruptionBudget pdb = r.pdbOf(d);
            assertNotNull(pdb.getSpec().getMinAvailable(), name + ": production keeps a pod up (minAvailable)");
        }
    }

    @Test
    void heapFlagsFollowTheMemoryLimit() {
        // the heap is heapPercent of the memory limit, in MiB
        Rendered r = render("values-prod.yaml", Map.of("services.merchant.resources.limits.memory", "2Gi",
                "services.merchant.resources.requests.memory", "2Gi", "services.merchant.jvm.heapPercent", 70));
        Container c = r.deployment("merchant-service").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertTrue(env(c, "JAVA_TOOL_OPTIONS").startsWith("-Xmx1433m "), env(c, "JAVA_TOOL_OPTIONS"));
        // more than 75% of the limit for the heap is refused
        Exception e = assertThrows(Exception.class, () -> render("values-prod.yaml", Map.of("defaults.jvm.heapPercent", 90)));
        assertTrue(String.valueOf(e.getMessage()).contains("heapPercent"), e::getMessage);
    }

    @Test
    void aServiceMayTurnADefaultOff() {
        // a false of a service overrides a true of the defaults (sprig's merge would keep the true)
        Rendered r = render("values-prod.yaml", Map.of("services.session.autoscaling.enabled", false,
                "services.session.migration.enabled", false));
        assertEquals(null, r.hpaOf(r.deployment("session-service")));
        assertEquals(2, r.deployment("session-service").getSpec().getReplicas());
        assertTrue(r.all("Job").stream().noneMatch(j -> j.getMetadata().getName().contains("session-service")));
    }

    @Test
    void theStrictParserRejectsMisspelledFieldsAndWrongTypes() {
        String ok = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  replicas: 2\n"
                + "  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n"
                + "      containers: [{name: c, image: i, ports: [{containerPort: 8080}]}]\n";
        Chart.strict(Chart.documents(ok).get(0));
        assertThrows(IllegalArgumentException.class, () -> Chart.strict(Chart.documents(ok.replace("containerPort", "containerPortt")).get(0)));
        assertThrows(IllegalArgumentException.class, () -> Chart.strict(Chart.documents(ok.replace("replicas: 2", "replica: 2")).get(0)));
        assertThrows(Exception.class, () -> Chart.strict(Chart.documents(ok.replace("replicas: 2", "replicas: two")).get(0)));
        assertThrows(Exception.class, () -> Chart.strict(Chart.documents(ok.replace("replicas: 2", "replicas: \"2\"")).get(0)));
        assertThrows(Exception.class, () -> Chart.strict(Chart.documents(ok.replace("image: i", "image: 7")).get(0)));
        assertThrows(Exception.class, () -> Chart.strict(Chart.documents(ok.replace("containerPort: 8080", "containerPort: [8080]")).get(0)));
        assertThrows(IllegalArgumentException.class, () -> Chart.strict(Chart.documents(ok.replace("apps/v1", "apps/v2")).get(0)));
    }

    // ---- helpers

    Rendered render(String values, Map<String, Object> sets) {
        String manifest = Chart.template(List.of(Chart.values(values)), sets, work.resolve("render-" + System.nanoTime()));
        try {
            // kept for reading: target/rendered/<values>[-<n sets>].yaml
            Path out = Chart.DIR.resolve("../target/rendered").normalize();
            Files.createDirectories(out);
            Files.writeString(out.resolve(values.replace(".yaml", "") + (sets.isEmpty() ? "" : "-" + Math.abs(sets.hashCode())) + ".yaml"), manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Rendered(values, Chart.documents(manifest));
    }

    static String env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).filter(Objects::nonNull)
                .findFirst().orElse(null);
    }

    /** The environment variables a service reads (${NAME...} in its application.properties). */
    static Set<String> envNamesReadBy(String service) {
        Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher(properties(service));
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static Set<String> deadLetterTopicsOfTheServices() {
        Set<String> dlq = new TreeSet<>();
        for (String s : SERVICES) {
            Matcher m = Pattern.compile("(?m)^[^#\\n]*dead-letter-queue\\.topic=(\\S+)").matcher(properties(s));
            while (m.find()) {
                dlq.add(m.group(1));
            }
        }
        return dlq;
    }

    static String properties(String service) {
        try {
            return Files.readString(Chart.DIR.resolve("../../" + service + "/src/main/resources/application.properties").normalize());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BigDecimal amount(Quantity q) {
        return Quantity.getAmountInBytes(q);
    }

    /** A rendered release: the typed objects (strictly parsed) and the CRD objects as trees. */
    static final class Rendered {
        final String values;
        final List<HasMetadata> objects = new ArrayList<>();
        final List<JsonNode> customObjects = new ArrayList<>();

        Rendered(String values, List<JsonNode> docs) {
            this.values = values;
            assertFalse(docs.isEmpty(), values + ": nothing rendered");
            for (JsonNode d : docs) {
                String kind = d.path("kind").asText();
                assertFalse(kind.equals("Secret"), values + ": the chart renders a Secret: " + d.path("metadata"));
                if (Chart.CUSTOM_KINDS.contains(kind)) {
                    assertTrue(d.path("metadata").path("name").isTextual(), d::toString);
                    assertTrue(d.path("spec").isObject(), d::toString);
                    customObjects.add(d);
                } else {
                    try {
                        objects.add(Chart.strict(d));
                    } catch (RuntimeException e) {
                        fail(values + ": " + kind + " " + d.path("metadata").path("name").asText() + ": " + e.getMessage(), e);
                    }
                }
            }
            Set<String> allowed = Set.of("Deployment", "Service", "ServiceAccount", "ConfigMap", "HorizontalPodAutoscaler",
                    "PodDisruptionBudget", "NetworkPolicy", "Job", "Ingress");
            for (HasMetadata o : objects) {
                assertTrue(allowed.contains(o.getKind()), values + ": unexpected kind " + o.getKind());
                assertTrue(o.getMetadata().getName().length() <= 63, o.getMetadata().getName());
            }
        }

        List<HasMetadata> all(String kind) {
            return objects.stream().filter(o -> o.getKind().equals(kind)).toList();
        }

        List<JsonNode> custom(String kind) {
            return customObjects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
        }

        @SuppressWarnings("unchecked")
        <T extends HasMetadata> List<T> typed(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(o -> (T) o).toList();
        }

        List<Deployment> deployments() {
            return typed(Deployment.class);
        }

        Deployment deployment(String service) {
            return deployments().stream().filter(d -> d.getMetadata().getName().equals(Chart.RELEASE + "-" + service))
                    .findFirst().orElseThrow(() -> new AssertionError(values + ": no Deployment of " + service));
        }

        Map<String, String> podLabels(Deployment d) {
            return d.getSpec().getTemplate().getMetadata().getLabels();
        }

        boolean selects(Map<String, String> selector, Map<String, String> labels) {
            return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
        }

        HorizontalPodAutoscaler hpaOf(Deployment d) {
            return typed(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getKind().equals("Deployment")
                            && h.getSpec().getScaleTargetRef().getName().equals(d.getMetadata().getName()))
                    .findFirst().orElse(null);
        }

        PodDisruptionBudget pdbOf(Deployment d) {
            List<PodDisruptionBudget> pdbs = typed(PodDisruptionBudget.class).stream()
                    .filter(p -> selects(p.getSpec().getSelector().getMatchLabels(), podLabels(d))).toList();
            assertEquals(1, pdbs.size(), values + ": PodDisruptionBudgets of " + d.getMetadata().getName());
            return pdbs.get(0);
        }

        void checkPolicies() {
            List<String> expected = new ArrayList<>(SERVICES);
            expected.add(0, CONSOLE);
            assertEquals(expected, deployments().stream().map(d -> d.getMetadata().getName().substring(Chart.RELEASE.length() + 1))
                    .sorted().toList(), values);
            List<Runnable> checks = new ArrayList<>();
            for (Deployment d : deployments()) {
                checks.add(() -> {
                    if (d.getMetadata().getName().endsWith("-" + CONSOLE)) {
                        checkConsole(d);
                    } else {
                        checkDeployment(d);
                    }
                });
            }
            for (ServiceAccount sa : typed(ServiceAccount.class)) {
                checks.add(() -> assertEquals(Boolean.FALSE, sa.getAutomountServiceAccountToken(), values + ": " + sa.getMetadata().getName()));
            }
            for (ConfigMap cm : typed(ConfigMap.class)) {
                checks.add(() -> cm.getData().keySet().forEach(k -> assertFalse(k.matches(".*(PASSWORD|SECRET|TOKEN|CREDENTIAL).*"),
                        values + ": a secret-like setting in ConfigMap " + cm.getMetadata().getName() + ": " + k)));
            }
            assertAll(checks.stream().map(c -> c::run));
        }

        void checkDeployment(Deployment d) {
            String name = d.getMetadata().getName();
            String service = name.substring(Chart.RELEASE.length() + 1);
            int port = PORTS.get(service);
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            String at = values + ": " + name;

            assertTrue(selects(d.getSpec().getSelector().getMatchLabels(), podLabels(d)), at);
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), at);
            ServiceAccount sa = typed(ServiceAccount.class).stream()
                    .filter(s -> s.getMetadata().getName().equals(pod.getServiceAccountName())).findFirst()
                    .orElseThrow(() -> new AssertionError(at + ": no ServiceAccount " + pod.getServiceAccountName()));
            assertEquals(Boolean.FALSE, sa.getAutomountServiceAccountToken(), at);
            checkPodSecurity(pod, at);

            assertEquals(1, pod.getContainers().size(), at);
            Container c = pod.getContainers().get(0);
            assertEquals(port, c.getPorts().get(0).getContainerPort(), at);
            assertEquals("http", c.getPorts().get(0).getName(), at);
            checkProbe(c.getStartupProbe(), "/q/health/started", at + " startupProbe");
            checkProbe(c.getLivenessProbe(), "/q/health/live", at + " livenessProbe");
            checkProbe(c.getReadinessProbe(), "/q/health/ready", at + " readinessProbe");
            checkResources(c, at);
            checkHeap(c, at);
            // /tmp is writable (read-only root filesystem); session-service's Streams state too
            Set<String> emptyDirs = pod.getVolumes().stream().filter(v -> v.getEmptyDir() != null).map(Volume::getName)
                    .collect(Collectors.toSet());
            assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp") && emptyDirs.contains(m.getName())),
                    at + ": /tmp");

            // settings from the ConfigMap, the password from the existing Secret, no migration at start
            String cmName = c.getEnvFrom().get(0).getConfigMapRef().getName();
            ConfigMap cm = typed(ConfigMap.class).stream().filter(x -> x.getMetadata().getName().equals(cmName)).findFirst()
                    .orElseThrow(() -> new AssertionError(at + ": no ConfigMap " + cmName));
            Set<String> required = new TreeSet<>(Set.of("DB_REACTIVE_URL", "DB_JDBC_URL", "DB_USER", "KAFKA_BOOTSTRAP_SERVERS",
                    "OIDC_AUTH_SERVER_URL"));
            if (service.equals("session-service")) {
                required.add("KPI_STATE_DIR");
                String dir = cm.getData().get("KPI_STATE_DIR");
                assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals(dir) && emptyDirs.contains(m.getName())),
                        at + ": KPI_STATE_DIR " + dir + " is not an emptyDir");
            }
            assertTrue(cm.getData().keySet().containsAll(required), at + ": " + cm.getData().keySet());
            Set<String> read = envNamesReadBy(service);
            for (String k : cm.getData().keySet()) {
                assertTrue(read.contains(k) || k.startsWith("QUARKUS_"), at + ": " + k + " is not read by " + service + " " + read);
            }
            assertTrue(cm.getData().get("DB_JDBC_URL").startsWith("jdbc:postgresql://"), at);
            assertTrue(cm.getData().get("DB_REACTIVE_URL").startsWith("postgresql://"), at);
            EnvVar pw = c.getEnv().stream().filter(e -> e.getName().equals("DB_PASSWORD")).findFirst()
                    .orElseThrow(() -> new AssertionError(at + ": no DB_PASSWORD"));
            assertNotNull(pw.getValueFrom().getSecretKeyRef(), at);
            for (EnvVar e : c.getEnv()) {
                assertFalse(e.getName().matches(".*(PASSWORD|SECRET|TOKEN).*") && e.getValue() != null, at + ": a value for " + e.getName());
            }
            assertEquals("false", env(c, "QUARKUS_FLYWAY_MIGRATE_AT_START"), at);
            assertEquals("false", env(c, "QUARKUS_FLYWAY_ACTIVE"), at);

            // the objects that go with it
            List<Service> svcs = typed(Service.class).stream().filter(s -> selects(s.getSpec().getSelector(), podLabels(d))).toList();
            assertEquals(1, svcs.size(), at + ": Services");
            assertEquals("http", svcs.get(0).getSpec().getPorts().get(0).getTargetPort().getStrVal(), at);
            pdbOf(d);
            checkNetworkPolicy(d, port, at);
            HorizontalPodAutoscaler hpa = hpaOf(d);
            if (hpa == null) {
                assertNotNull(d.getSpec().getReplicas(), at + ": neither replicas nor an HPA");
            } else {
                assertEquals(null, d.getSpec().getReplicas(), at + ": replicas are the HPA's");
                assertTrue(hpa.getSpec().getMinReplicas() >= 1 && hpa.getSpec().getMaxReplicas() >= hpa.getSpec().getMinReplicas(), at);
            }
            checkMigrationJob(d, c, at);
        }

        /**
         * The staff console: the same pod security, probes, resources, heap, Service, PDB, HPA and NetworkPolicy as a
         * service, but no database, no Kafka and no migration: its settings are the issuer, its client and the four
         * services' in-cluster URLs, its client secret comes from a Secret, and its egress is DNS, the issuer and the
         * services' HTTP ports only.
         */
        void checkConsole(Deployment d) {
            String at = values + ": " + d.getMetadata().getName();
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertTrue(selects(d.getSpec().getSelector().getMatchLabels(), podLabels(d)), at);
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), at);
            checkPodSecurity(pod, at);
            Container c = pod.getContainers().get(0);
            assertEquals(8080, c.getPorts().get(0).getContainerPort(), at);
            checkProbe(c.getStartupProbe(), "/q/health/started", at + " startupProbe");
            checkProbe(c.getLivenessProbe(), "/q/health/live", at + " livenessProbe");
            checkProbe(c.getReadinessProbe(), "/q/health/ready", at + " readinessProbe");
            checkResources(c, at);
            checkHeap(c, at);
            assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")), at + ": /tmp");
            String cmName = c.getEnvFrom().get(0).getConfigMapRef().getName();
            ConfigMap cm = typed(ConfigMap.class).stream().filter(x -> x.getMetadata().getName().equals(cmName)).findFirst()
                    .orElseThrow(() -> new AssertionError(at + ": no ConfigMap " + cmName));
            Set<String> read = envNamesReadBy(CONSOLE);
            assertTrue(cm.getData().keySet().containsAll(Set.of("OIDC_AUTH_SERVER_URL", "OIDC_CLIENT_ID", "MERCHANT_SERVICE_URL",
                    "PROVIDER_SERVICE_URL", "SESSION_SERVICE_URL", "MATCHING_SERVICE_URL")), at + ": " + cm.getData().keySet());
            for (String k : cm.getData().keySet()) {
                assertTrue(read.contains(k) || k.startsWith("QUARKUS_") || k.startsWith("OTEL_"), at + ": " + k + " is not read by the console " + read);
            }
            for (String s : List.of("merchant", "provider", "session", "matching")) {
                String url = cm.getData().get(s.toUpperCase() + "_SERVICE_URL");
                assertTrue(typed(Service.class).stream().anyMatch(x -> url.startsWith("http://" + x.getMetadata().getName() + ":")),
                        at + ": " + url + " is not a Service of the release");
            }
            EnvVar secret = c.getEnv().stream().filter(e -> e.getName().equals("OIDC_CLIENT_SECRET")).findFirst()
                    .orElseThrow(() -> new AssertionError(at + ": no OIDC_CLIENT_SECRET"));
            assertNotNull(secret.getValueFrom().getSecretKeyRef(), at);
            assertTrue(c.getEnv().stream().noneMatch(e -> e.getName().startsWith("DB_")), at + ": no database");
            List<Service> svcs = typed(Service.class).stream().filter(s -> selects(s.getSpec().getSelector(), podLabels(d))).toList();
            assertEquals(1, svcs.size(), at + ": Services");
            pdbOf(d);
            HorizontalPodAutoscaler hpa = hpaOf(d);
            assertTrue(hpa != null || d.getSpec().getReplicas() != null, at + ": neither replicas nor an HPA");
            List<NetworkPolicy> nps = typed(NetworkPolicy.class).stream()
                    .filter(n -> selects(n.getSpec().getPodSelector().getMatchLabels(), podLabels(d))).toList();
            assertEquals(1, nps.size(), at + ": NetworkPolicies");
            Set<Integer> egressPorts = new TreeSet<>();
            nps.get(0).getSpec().getEgress().forEach(rule -> {
                assertFalse(rule.getPorts() == null || rule.getPorts().isEmpty(), at + ": egress to every port");
                rule.getPorts().forEach(p -> egressPorts.add(p.getPort().getIntVal()));
            });
            assertTrue(egressPorts.containsAll(Set.of(53, 8081, 8082, 8083, 8084)), at + ": " + egressPorts);
            assertFalse(egressPorts.contains(5432) || egressPorts.contains(9092), at + ": the console needs no database or broker");
            nps.get(0).getSpec().getIngress().forEach(rule -> rule.getPorts().forEach(p -> assertEquals(8080, p.getPort().getIntVal(), at)));
        }

        void checkNetworkPolicy(Deployment d, int port, String at) {
            List<NetworkPolicy> nps = typed(NetworkPolicy.class).stream()
                    .filter(n -> selects(n.getSpec().getPodSelector().getMatchLabels(), podLabels(d))).toList();
            assertEquals(1, nps.size(), at + ": NetworkPolicies");
            NetworkPolicy np = nps.get(0);
            assertEquals(Set.of("Ingress", "Egress"), Set.copyOf(np.getSpec().getPolicyTypes()), at);
            // in: only the HTTP port
            np.getSpec().getIngress().forEach(rule -> {
                assertFalse(rule.getPorts() == null || rule.getPorts().isEmpty(), at + ": ingress to every port");
                rule.getPorts().forEach(p -> assertEquals(port, p.getPort().getIntVal(), at));
                assertFalse(rule.getFrom() == null || rule.getFrom().isEmpty(), at + ": ingress from anywhere");
            });
            // out: only named ports (DNS, PostgreSQL, Kafka, OIDC)
            Set<Integer> egressPorts = new TreeSet<>();
            np.getSpec().getEgress().forEach(rule -> {
                assertFalse(rule.getPorts() == null || rule.getPorts().isEmpty(), at + ": egress to every port");
                rule.getPorts().stream().map(NetworkPolicyPort::getPort).forEach(p -> egressPorts.add(p.getIntVal()));
            });
            assertTrue(egressPorts.containsAll(Set.of(53, 5432, 9092)), at + ": " + egressPorts);
        }

        void checkMigrationJob(Deployment d, Container app, String at) {
            List<Job> jobs = typed(Job.class).stream()
                    .filter(j -> j.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().equals(app.getImage())).toList();
            assertEquals(1, jobs.size(), at + ": migration Jobs with the same image");
            Job j = jobs.get(0);
            Map<String, String> ann = j.getMetadata().getAnnotations();
            assertEquals(Set.of("pre-install", "pre-upgrade"), Set.of(ann.get("helm.sh/hook").split(",")), at);
            assertNotNull(ann.get("helm.sh/hook-delete-policy"), at);
            PodSpec pod = j.getSpec().getTemplate().getSpec();
            assertEquals("Never", pod.getRestartPolicy(), at);
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), at);
            checkPodSecurity(pod, at + " migration");
            Container c = pod.getContainers().get(0);
            checkResources(c, at + " migration");
            checkHeap(c, at + " migration");
            assertEquals("true", env(c, "QUARKUS_INIT_AND_EXIT"), at);
            assertEquals("true", env(c, "QUARKUS_FLYWAY_MIGRATE_AT_START"), at);
            assertNull(env(c, "QUARKUS_FLYWAY_ACTIVE"), at + ": Flyway active in the migration");
            assertNotNull(env(c, "DB_JDBC_URL"), at);
            assertTrue(c.getEnv().stream().anyMatch(e -> e.getName().equals("DB_PASSWORD") && e.getValueFrom().getSecretKeyRef() != null), at);
            // the hook runs before the release's objects exist: its ServiceAccount is a hook created before it
            ServiceAccount sa = typed(ServiceAccount.class).stream()
                    .filter(s -> s.getMetadata().getName().equals(pod.getServiceAccountName())).findFirst()
                    .orElseThrow(() -> new AssertionError(at + ": no ServiceAccount for the migration"));
            assertTrue(sa.getMetadata().getAnnotations().get("helm.sh/hook").contains("pre-install"), at);
            // its NetworkPolicy (when policies are on): out to DNS and PostgreSQL only, created before it
            typed(NetworkPolicy.class).stream()
                    .filter(n -> selects(n.getSpec().getPodSelector().getMatchLabels(), j.getSpec().getTemplate().getMetadata().getLabels()))
                    .forEach(n -> {
                        assertTrue(n.getMetadata().getAnnotations().get("helm.sh/hook").contains("pre-install"), at);
                        Set<Integer> ports = new TreeSet<>();
                        n.getSpec().getEgress().forEach(rule -> rule.getPorts().forEach(p -> ports.add(p.getPort().getIntVal())));
                        assertEquals(Set.of(53, 5432), ports, at + ": migration egress");
                    });
            assertTrue(typed(NetworkPolicy.class).isEmpty() || typed(NetworkPolicy.class).stream()
                    .anyMatch(n -> selects(n.getSpec().getPodSelector().getMatchLabels(), j.getSpec().getTemplate().getMetadata().getLabels())),
                    at + ": no NetworkPolicy for the migration pods");
            assertTrue(Integer.parseInt(sa.getMetadata().getAnnotations().get("helm.sh/hook-weight"))
                    < Integer.parseInt(ann.getOrDefault("helm.sh/hook-weight", "0")), at);
        }

        void checkPodSecurity(PodSpec pod, String at) {
            PodSecurityContext psc = pod.getSecurityContext();
            assertEquals(Boolean.TRUE, psc.getRunAsNonRoot(), at);
            assertTrue(psc.getRunAsUser() != null && psc.getRunAsUser() > 0, at);
            assertEquals("RuntimeDefault", psc.getSeccompProfile().getType(), at);
            for (Container c : pod.getContainers()) {
                SecurityContext sc = c.getSecurityContext();
                assertNotNull(sc, at + " " + c.getName() + ": securityContext");
                assertEquals(Boolean.TRUE, sc.getRunAsNonRoot(), at);
                assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), at);
                assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), at);
                assertTrue(sc.getPrivileged() == null || !sc.getPrivileged(), at);
                assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), at);
                assertTrue(sc.getCapabilities().getAdd() == null || sc.getCapabilities().getAdd().isEmpty(), at);
                assertEquals("RuntimeDefault", sc.getSeccompProfile().getType(), at);
            }
        }

        void checkProbe(Probe p, String path, String at) {
            assertNotNull(p, at);
            assertEquals(path, p.getHttpGet().getPath(), at);
            assertEquals("http", p.getHttpGet().getPort().getStrVal(), at);
            assertTrue(p.getPeriodSeconds() > 0 && p.getFailureThreshold() > 0 && p.getTimeoutSeconds() > 0, at);
        }

        void checkResources(Container c, String at) {
            var r = c.getResources();
            for (String res : List.of("cpu", "memory")) {
                Quantity req = r.getRequests().get(res);
                Quantity lim = r.getLimits().get(res);
                assertNotNull(req, at + ": request " + res);
                assertNotNull(lim, at + ": limit " + res);
                assertTrue(amount(req).compareTo(amount(lim)) <= 0, at + ": " + res + " request above the limit");
            }
        }

        /** -Xmx in JAVA_TOOL_OPTIONS, at most 75% of the memory limit (the rest: metaspace, threads, buffers, native). */
        void checkHeap(Container c, String at) {
            String opts = env(c, "JAVA_TOOL_OPTIONS");
            assertNotNull(opts, at + ": JAVA_TOOL_OPTIONS");
            Matcher m = Pattern.compile("(?:^| )-Xmx(\\d+)m(?: |$)").matcher(opts);
            assertTrue(m.find(), at + ": no -Xmx in " + opts);
            BigDecimal heap = BigDecimal.valueOf(Long.parseLong(m.group(1)) * 1024 * 1024);
            BigDecimal limit = amount(c.getResources().getLimits().get("memory"));
            assertTrue(heap.compareTo(limit.multiply(new BigDecimal("0.75"))) <= 0, at + ": -Xmx" + m.group(1) + "m, limit " + limit);
            assertTrue(heap.compareTo(limit.multiply(new BigDecimal("0.25"))) >= 0, at + ": heap too small for the limit");
            assertFalse(opts.contains("MaxRAMPercentage"), at + ": two heap rules");
        }
    }
}
