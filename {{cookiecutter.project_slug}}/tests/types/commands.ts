// Calls the typed client must refuse. Each `// expect TSxxxx` comment names the
// error tsc must report on the line below it; tests/plumbing/test_type_errors.py
// checks that exactly these errors occur. Not part of the app's build.
import {
  createUser,
  getVersion,
  greet,
  riskyOperation,
  uploadFile,
} from "../../web/python/commands";

export async function wrongCalls(): Promise<void> {
  // expect TS2353: a body field the model does not have
  await createUser({ name: "Ada", age: 36, nickname: "Countess" });
  // expect TS2322: a field of the wrong type
  await createUser({ name: "Ada", age: "36" });
  // expect TS2345: a required field missing
  await createUser({ name: "Ada" });
  // expect TS2353: a camelCase field name (the seed's models keep Python's names)
  await createUser({ displayName: "Ada", age: 36 });
  // expect TS2561: a misspelt field name
  await createUser({ nme: "Ada", age: 36 });
  // expect TS2345: a number where the command takes a string
  await greet(42);
  // expect TS2345: a string where the command takes bytes
  await uploadFile("not bytes");
  // expect TS2345: a body for a command that takes none
  await getVersion("3.12");
  // expect TS2345: risky_operation takes no body either
  await riskyOperation({ force: true });
  // expect TS2551: the answer's id is `user_id`, as Python names it
  console.log((await createUser({ name: "Ada", age: 36 })).userId);
  // expect TS2322: the answer is a string, not a number
  const version: number = await getVersion();
  console.log(version);
}
