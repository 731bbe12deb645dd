{{- define "roster.name" -}}{{ .Release.Name }}-roster{{- end -}}
{{- define "roster.labels" -}}
app.kubernetes.io/name: roster
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}
