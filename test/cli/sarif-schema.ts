import * as fs from 'fs';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Validates a log against the official SARIF 2.1.0 JSON schema that @microsoft/jest-sarif ships (CDL_SARIF_SCHEMA may name another copy). */
export function sarifSchemaValidator(): (log: Json) => string[] {
  const schemaFile = process.env.CDL_SARIF_SCHEMA
    ?? require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = require('ajv');
  const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
  const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
  return log => (validate(log) ? [] : validate.errors.map((e: Json) => `${e.dataPath} ${e.message}`));
}
