{{/* Chart name, or nameOverride. */}}
{{- define "roster.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Names of this release's objects: fullnameOverride, else <release>-<name> (the release name
     alone when it already contains the name). */}}
{{- define "roster.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Cluster-scoped names and names in other namespaces: unique per release and namespace. */}}
{{- define "roster.clusterName" -}}
{{- printf "%s-%s" (include "roster.fullname" .) .Release.Namespace | trunc 253 | trimSuffix "-" -}}
{{- end -}}

{{- define "roster.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "roster.selectorLabels" -}}
app.kubernetes.io/name: {{ include "roster.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "roster.labels" -}}
helm.sh/chart: {{ include "roster.chart" . }}
{{ include "roster.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "roster.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "roster.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "roster.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}

{{/* The Secrets serve reads, as JSON {namespace: [names]}: every secretRef of the sources
     (credentials and webhook; namespace default: the release namespace) and rbac.secretNames. */}}
{{- define "roster.secretNames" -}}
{{- $out := dict -}}
{{- range .Values.sources -}}
{{- range $ref := list (dig "credentials" "secretRef" nil .) (dig "webhook" "secretRef" nil .) -}}
{{- if $ref -}}
{{- $ns := default $.Release.Namespace $ref.namespace -}}
{{- $_ := set $out $ns (append (get $out $ns | default list) $ref.name | uniq | sortAlpha) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range .Values.rbac.secretNames -}}
{{- $ns := $.Release.Namespace -}}
{{- $_ := set $out $ns (append (get $out $ns | default list) . | uniq | sortAlpha) -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/* Rules for the platforms' kinds. Argument: dict with kinds (rbac.kinds) and cluster (whether
     cluster-scoped resources are included: only a ClusterRole can grant them). */}}
{{- define "roster.kindRules" -}}
{{- range .kinds }}
{{- $resources := .namespaced | default list }}
{{- if $.cluster }}{{ $resources = concat $resources (.cluster | default list) }}{{ end }}
{{- if $resources }}
- apiGroups: [{{ .apiGroup | quote }}]
  resources: {{ toJson $resources }}
  verbs: [get, list, watch, create, patch, delete]
{{- end }}
{{- end }}
- apiGroups: [""]
  resources: [events]
  verbs: [create]
{{- end -}}
