{{/* Names and labels shared by every object of the chart. */}}

{{- define "meshbgp.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-scoped prefix; side names are appended, so keep room for them. */}}
{{- define "meshbgp.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "meshbgp.selectorLabels" -}}
app.kubernetes.io/name: {{ include "meshbgp.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "meshbgp.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "meshbgp.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: route-server
{{- end }}

{{/* The pod label carrying the side; independent of the node label key. */}}
{{- define "meshbgp.sideLabelKey" -}}meshbgp.io/side{{- end }}

{{- define "meshbgp.configMapName" -}}
{{ include "meshbgp.fullname" . }}-config
{{- end }}

{{/* MetalLB pool of a side: the one this chart creates, or an existing one. */}}
{{- define "meshbgp.sidePool" -}}
{{- $root := index . 0 }}{{- $side := index . 1 }}
{{- if $side.addresses }}
{{- printf "%s-%s" (include "meshbgp.fullname" $root) $side.name }}
{{- else if $side.addressPool }}
{{- $side.addressPool }}
{{- end }}
{{- end }}

{{/* Checks the schema cannot express: unique side names, an address per side. */}}
{{- define "meshbgp.validate" -}}
{{- $seen := dict }}
{{- range .Values.sides }}
{{- if hasKey $seen .name }}
{{- fail (printf "sides: name %q is used twice" .name) }}
{{- end }}
{{- $_ := set $seen .name true }}
{{- if not (or .addresses .addressPool .serviceAddress) }}
{{- fail (printf "sides[%s]: set addresses (a pool this chart creates), addressPool (an existing MetalLB pool) or serviceAddress" .name) }}
{{- end }}
{{- if and .addresses .addressPool }}
{{- fail (printf "sides[%s]: addresses and addressPool are exclusive" .name) }}
{{- end }}
{{- end }}
{{- end }}
