{{/*
Per-service templates are called with a context dict: {root: $, key: "merchant", cfg: <defaults merged with services.merchant>}.
*/}}

{{/*
Deep merge of .src into .dst (a map, changed in place). Unlike sprig's mergeOverwrite, false, 0 and "" of a service
override the defaults (a service may say autoscaling.enabled: false).
Usage in every per-service template:
  {{- $cfg := deepCopy $.Values.defaults }}{{- include "livecommerce.deepMerge" (dict "dst" $cfg "src" $svc) }}
*/}}
{{- define "livecommerce.deepMerge" -}}
{{- $dst := .dst -}}
{{- range $k, $v := .src -}}
{{- if and (kindIs "map" $v) (kindIs "map" (get $dst $k)) -}}
{{- include "livecommerce.deepMerge" (dict "dst" (get $dst $k) "src" $v) -}}
{{- else -}}
{{- $_ := set $dst $k $v -}}
{{- end -}}
{{- end -}}
{{- end }}

{{- define "livecommerce.fullname" -}}
{{- printf "%s-%s" .root.Release.Name .cfg.name | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{- define "livecommerce.selectorLabels" -}}
app.kubernetes.io/name: {{ .cfg.name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{- define "livecommerce.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{ include "livecommerce.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: livecommerce
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{- define "livecommerce.image" -}}
{{- $img := .root.Values.image -}}
{{- printf "%s%s%s:%s" $img.registry $img.repositoryPrefix .cfg.name (default .root.Chart.AppVersion $img.tag) -}}
{{- end }}

{{- define "livecommerce.secretName" -}}
{{- default (printf "%s-db" (include "livecommerce.fullname" .)) .cfg.existingSecret -}}
{{- end }}

{{/* A memory quantity in Mi (accepts Mi and Gi). */}}
{{- define "livecommerce.memoryMi" -}}
{{- $q := toString . -}}
{{- if hasSuffix "Gi" $q -}}{{ mul (trimSuffix "Gi" $q | atoi) 1024 }}
{{- else if hasSuffix "Mi" $q -}}{{ trimSuffix "Mi" $q | atoi }}
{{- else -}}{{ fail (printf "memory limit %q: give it in Mi or Gi" $q) }}
{{- end -}}
{{- end }}

{{/* JAVA_TOOL_OPTIONS: -Xmx from the memory limit (heapPercent of it), then the configured options. */}}
{{- define "livecommerce.javaOptions" -}}
{{- $pct := int .jvm.heapPercent -}}
{{- if or (lt $pct 10) (gt $pct 75) -}}{{ fail (printf "jvm.heapPercent %d: between 10 and 75, the rest of the limit is for metaspace, threads, buffers" $pct) }}{{- end -}}
{{- $limit := include "livecommerce.memoryMi" .limit | int -}}
{{- printf "-Xmx%dm -Xms%s %s" (div (mul $limit $pct) 100) .jvm.initialHeap .jvm.options -}}
{{- end }}

{{- define "livecommerce.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .securityContext.runAsUser }}
runAsGroup: {{ .securityContext.runAsGroup }}
fsGroup: {{ .securityContext.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "livecommerce.containerSecurityContext" -}}
runAsNonRoot: true
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* The settings of a service (ConfigMap data; the migration Job gets the same as env). */}}
{{- define "livecommerce.settings" -}}
{{- $pg := .root.Values.postgres -}}
DB_REACTIVE_URL: {{ default (printf "postgresql://%s:%v/%s" $pg.host $pg.port .cfg.database) .cfg.reactiveUrl | quote }}
DB_JDBC_URL: {{ default (printf "jdbc:postgresql://%s:%v/%s" $pg.host $pg.port .cfg.database) .cfg.jdbcUrl | quote }}
DB_USER: {{ default $pg.user .cfg.dbUser | quote }}
KAFKA_BOOTSTRAP_SERVERS: {{ .root.Values.kafka.bootstrapServers | quote }}
OIDC_AUTH_SERVER_URL: {{ .root.Values.oidc.authServerUrl | quote }}
{{- with .cfg.kpiState }}
KPI_STATE_DIR: {{ .mountPath | quote }}
{{- end }}
{{- range $k, $v := .cfg.env }}
{{ $k }}: {{ $v | toString | quote }}
{{- end }}
{{- end }}

{{/* Egress rules of the services and of their migration Jobs: DNS, PostgreSQL, Kafka, OIDC (.egress of the values). */}}
{{- define "livecommerce.egressRules" -}}
- ports:
    - {port: {{ .dns.port }}, protocol: UDP}
    - {port: {{ .dns.port }}, protocol: TCP}
  {{- with .dns.to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- range $dep := list "postgres" "kafka" "oidc" }}
{{- if hasKey $ $dep }}
{{- $e := index $ $dep }}
- ports:
    {{- range $e.ports }}
    - {port: {{ . }}, protocol: TCP}
    {{- end }}
  {{- with $e.to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* The console's settings (ConfigMap data): the issuer, its client, the four services' in-cluster URLs. */}}
{{- define "livecommerce.consoleSettings" -}}
OIDC_AUTH_SERVER_URL: {{ .root.Values.oidc.authServerUrl | quote }}
OIDC_CLIENT_ID: {{ .cfg.oidcClientId | quote }}
CONSOLE_COOKIE_SECURE: {{ .cfg.cookieSecure | toString | quote }}
{{- $root := .root }}
{{- range $key := keys $root.Values.services | sortAlpha }}
{{- $svc := index $root.Values.services $key }}
{{- if $svc.enabled }}
{{- $scfg := deepCopy $root.Values.defaults }}
{{- include "livecommerce.deepMerge" (dict "dst" $scfg "src" $svc) }}
{{ upper $key }}_SERVICE_URL: {{ printf "http://%s:%v" (include "livecommerce.fullname" (dict "root" $root "cfg" $scfg)) $scfg.service.port | quote }}
{{- end }}
{{- end }}
{{- range $k, $v := .cfg.env }}
{{ $k }}: {{ $v | toString | quote }}
{{- end }}
{{- end }}
