// Calls the typed client must refuse. Each `// expect TSxxxx` comment names the
// error tsc must report on the line below it; tests/test_type_errors.py checks
// that exactly these errors occur. Not part of the app's build.
import { createUser, getVersion, greet, uploadFile } from "../../web/python/commands";

export async function wrongCalls(): Promise<void> {
  // expect TS2353: a body field the model does not have
  await createUser({ displayName: "Ada", age: 36, nickname: "Countess" });
  // expect TS2322: a field of the wrong type
  await createUser({ displayName: "Ada", age: "36" });
  // expect TS2345: a required field missing
  await createUser({ displayName: "Ada" });
  // expect TS2561: a snake_case field name (the wire is camelCase)
  await createUser({ display_name: "Ada", age: 36 });
  // expect TS2345: a number where the command takes a string
  await greet(42);
  // expect TS2345: a string where the command takes bytes
  await uploadFile("not bytes");
  // expect TS2345: a body for a command that takes none
  await getVersion("3.12");
  // expect TS2339: a field the answer does not have
  console.log((await createUser({ displayName: "Ada", age: 36 })).id);
  // expect TS2322: the answer is a string, not a number
  const version: number = await getVersion();
  console.log(version);
}
