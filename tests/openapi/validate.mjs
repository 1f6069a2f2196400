// Validates an OpenAPI document (the one `vinculo openapi` prints) with
// @apidevtools/swagger-parser: the OpenAPI 3.0 JSON schema and the rules a
// schema cannot say (unique operationIds, path parameters declared, every
// $ref resolving). Exits non-zero naming the first problem.
import SwaggerParser from "@apidevtools/swagger-parser";

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate.mjs openapi.json");
  process.exit(2);
}
try {
  const api = await SwaggerParser.validate(file);
  const operations = Object.values(api.paths).reduce(
    (count, item) => count + Object.keys(item).filter((key) => key !== "parameters").length,
    0,
  );
  console.log(`${file}: valid OpenAPI ${api.openapi}, ${Object.keys(api.paths).length} paths, ${operations} operations`);
  console.log("1 passed, 0 failed");
} catch (error) {
  console.error(`${file}: ${error.message}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}
