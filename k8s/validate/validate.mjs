// Validates Kubernetes manifests against the API's OpenAPI schemas, offline, with kubernetes-models
// (the schemas compiled to validators). Checks types, formats and required fields; it does NOT reject
// unknown fields: the .NET tests load every manifest strictly for that (tests/JobHome.Deployment.Tests).
// Usage: node validate.mjs [FILE...]   Without files: every resource that k8s/kustomization.yaml lists.
// Prints one line per problem; exit 0 valid, 1 invalid, 2 unusable input.
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, parseAllDocuments } from "yaml";

async function kustomizationResources() {
  const folder = join(dirname(fileURLToPath(import.meta.url)), "..");
  const kustomization = parse(await readFile(join(folder, "kustomization.yaml"), "utf8"));
  return (kustomization?.resources ?? []).map((resource) => join(folder, resource));
}

const files = process.argv.length > 2 ? process.argv.slice(2) : await kustomizationResources();
if (files.length === 0) {
  console.error("usage: node validate.mjs [FILE...]");
  process.exit(2);
}

async function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[A-Za-z0-9.\/-]+$/.test(apiVersion) || !/^[A-Za-z0-9]+$/.test(kind)) {
    return null;
  }
  try {
    const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
    return module[kind] ?? null;
  } catch {
    return null;
  }
}

let problems = 0;
let objects = 0;
const report = (where, message) => {
  problems++;
  console.log(`${where}: ${message}`);
};

for (const file of files) {
  const text = await readFile(file, "utf8");
  const documents = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true });
  let index = 0;
  for (const document of documents) {
    index++;
    const where = `${file} document ${index}`;
    if (document.errors.length > 0) {
      for (const error of document.errors) {
        report(where, `YAML: ${error.message.split("\n")[0]}`);
      }
      continue;
    }
    const data = document.toJS();
    if (data === null || data === undefined) {
      continue;
    }
    const name = `${data.kind}/${data.metadata?.name}`;
    const Model = await modelFor(data.apiVersion, data.kind);
    if (Model === null) {
      report(`${where} (${name})`, `apiVersion "${data.apiVersion}" kind "${data.kind}" is not a served Kubernetes type`);
      continue;
    }
    objects++;
    try {
      new Model(data).validate();
    } catch (error) {
      const details = Array.isArray(error.errors) && error.errors.length > 0
        ? error.errors.map((e) => `${e.instancePath || "/"} ${e.message}`)
        : [error.message];
      for (const detail of details) {
        report(`${where} (${name})`, detail);
      }
    }
  }
}
if (problems === 0) {
  console.log(`valid: ${objects} objects in ${files.length} files`);
}
process.exit(problems === 0 ? 0 : 1);
