// Validates rendered Kubernetes objects against the Kubernetes OpenAPI
// schemas, offline: the npm packages kubernetes-models (core API) and
// @kubernetes-models/prometheus-operator (ServiceMonitor) ship ajv
// validators compiled from those schemas.
//
//   node k8s_validate.mjs NODE_MODULES_DIR < objects.json
// stdin: a JSON array of objects. stdout: a JSON array, one entry per
// object: {kind, name, status: "ok" | "invalid" | "unknown", error}.
// "unknown" means no model exists for the apiVersion/kind (e.g. MetalLB).
//
// The ajv validators ignore fields the schema does not know, which the API
// server rejects (strict field validation) or silently drops. For the core
// API the field names are read from the models' TypeScript declarations,
// whose interfaces list every field, one per line.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const modules = process.argv[2];
const objects = JSON.parse(readFileSync(0, "utf8"));

// apiVersion "apps/v1" -> kubernetes-models/apps/v1/StatefulSet.js;
// "v1" (core) -> kubernetes-models/v1/Service.js.
function modelPath(apiVersion, kind) {
  const candidates = [
    join(modules, "kubernetes-models", apiVersion, `${kind}.js`),
    join(modules, "@kubernetes-models/prometheus-operator", apiVersion, `${kind}.js`),
  ];
  return candidates.find((p) => existsSync(p));
}

const interfaces = new Map(); // .d.ts path -> {fields, imports} or null

function parseDeclarations(path) {
  if (interfaces.has(path)) return interfaces.get(path);
  let parsed = null;
  if (existsSync(path)) {
    const text = readFileSync(path, "utf8");
    const imports = new Map();
    for (const m of text.matchAll(/^import \{ (\w+) \} from "([^"]+)";$/gm)) {
      const from = m[2].startsWith(".")
        ? join(dirname(path), m[2].replace(/\.js$/, ".d.ts"))
        : join(modules, `${m[2]}.d.ts`);
      imports.set(m[1], from);
    }
    const body = text.match(/^export interface \w+(?: extends \w+)? \{\n([\s\S]*?)^\}/m);
    if (body) {
      const fields = new Map();
      // Maps are written over three lines; fold them into one.
      const folded = body[1].replace(/\{\n\s+\[key: string\]: (.*?);\n\s+\}/g, "{ [key: string]: $1 }");
      // A field whose type spans lines still counts as known, unchecked below.
      for (const f of folded.matchAll(/^ {4}"([^"]+)"\??: (.*?);?$/gm)) fields.set(f[1], f[2]);
      parsed = { fields, imports };
    }
  }
  interfaces.set(path, parsed);
  return parsed;
}

// Reports fields of `data` that the declaration at `path` does not have.
function unknownFields(data, path, at, out) {
  const decl = parseDeclarations(path);
  if (!decl || data === null || typeof data !== "object" || Array.isArray(data)) return;
  for (const [key, value] of Object.entries(data)) {
    if (!decl.fields.has(key)) {
      out.push(`${at}/${key} is not a field of ${path.split("node_modules/")[1]}`);
      continue;
    }
    checkType(value, decl.fields.get(key), decl.imports, `${at}/${key}`, out);
  }
}

function checkType(value, type, imports, at, out) {
  let m;
  if ((m = type.match(/^Array<(.*)>$/))) {
    if (Array.isArray(value)) value.forEach((v, i) => checkType(v, m[1], imports, `${at}/${i}`, out));
  } else if ((m = type.match(/^\{ \[key: string\]: (.*) \}$/))) {
    if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) checkType(v, m[1], imports, `${at}/${k}`, out);
    }
  } else if (imports.has(type)) {
    unknownFields(value, imports.get(type), at, out);
  }
}

const results = [];
for (const obj of objects) {
  const entry = { kind: obj.kind, name: obj.metadata?.name ?? "", status: "ok", error: "" };
  const path = modelPath(obj.apiVersion ?? "", obj.kind ?? "");
  if (!path) {
    entry.status = "unknown";
  } else {
    const mod = await import(path);
    const Model = mod[obj.kind];
    const errors = [];
    try {
      new Model(obj).validate();
    } catch (e) {
      errors.push(String(e.message ?? e));
    }
    if (path.includes("/kubernetes-models/")) {
      unknownFields(obj, path.replace(/\.js$/, ".d.ts"), "data", errors);
    }
    if (errors.length) {
      entry.status = "invalid";
      entry.error = errors.join("; ");
    }
  }
  results.push(entry);
}
process.stdout.write(JSON.stringify(results));
