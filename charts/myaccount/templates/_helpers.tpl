{{- define "myaccount.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "myaccount.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "myaccount.selectorLabels" -}}
app.kubernetes.io/name: {{ include "myaccount.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "myaccount.labels" -}}
{{ include "myaccount.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "myaccount.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "myaccount.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* What the operator needs in each namespace it serves. */}}
{{- define "myaccount.namespaceRules" -}}
- apiGroups: [""]
  resources: [secrets]
  verbs: [get, list, watch]
- apiGroups: [events.k8s.io]
  resources: [events]
  verbs: [create, patch]
- apiGroups: [myaccount.tenantcfg.io]
  resources: [myaccountconfigs]
  verbs: [get, list, watch, update, patch]
- apiGroups: [myaccount.tenantcfg.io]
  resources: [myaccountconfigs/status]
  verbs: [get, update, patch]
- apiGroups: [myaccount.tenantcfg.io]
  resources: [myaccountconfigs/finalizers]
  verbs: [update]
{{- end -}}
