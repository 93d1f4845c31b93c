//! The `Commands` interface and `COMMAND_NAMES`, rendered from the command table.

use crate::ipc::CommandSpec;

/// TypeScript for every command of `specs`, in their order.
pub fn typescript(specs: &[CommandSpec]) -> String {
    let mut out = String::from(
        "/**
 * Every command the shell registers, under the name `invoke` uses: the arguments it takes
 * (camelCase keys, as Tauri expects) and what it resolves with. Every command rejects with an
 * `IpcError`. An argument typed as a callback is a Tauri channel: it receives each event.
 */
export type Commands = {
",
    );
    for spec in specs {
        if !spec.docs.is_empty() {
            out.push_str("  /**\n");
            for line in spec.docs {
                out.push_str(&format!("   *{}\n", line.trim_end()));
            }
            out.push_str("   */\n");
        }
        let args = if spec.args.is_empty() {
            "Record<string, never>".to_owned()
        } else {
            let fields: Vec<String> = spec
                .args
                .iter()
                .map(|a| format!("{}: {}", a.name, a.ts))
                .collect();
            format!("{{ {} }}", fields.join(", "))
        };
        out.push_str(&format!(
            "  {}: {{ args: {args}, result: {} }},\n",
            spec.name, spec.result
        ));
    }
    out.push_str("};\n\n/**\n * The name of every command, in registration order.\n */\nexport const COMMAND_NAMES = [\n");
    for spec in specs {
        out.push_str(&format!("  \"{}\",\n", spec.name));
    }
    out.push_str("] as const satisfies readonly (keyof Commands)[];\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ipc::ArgSpec;

    #[test]
    fn renders_arguments_results_and_docs() {
        let specs = [
            CommandSpec {
                name: "thing_get",
                docs: &[" Reads a thing."],
                args: vec![ArgSpec {
                    name: "thingId".into(),
                    ts: "ThingId".into(),
                }],
                result: "Thing".into(),
            },
            CommandSpec {
                name: "ping",
                docs: &[],
                args: vec![],
                result: "null".into(),
            },
        ];
        let ts = typescript(&specs);
        assert!(ts.contains(
            "  /**\n   * Reads a thing.\n   */\n  thing_get: { args: { thingId: ThingId }, result: Thing },\n"
        ), "{ts}");
        assert!(
            ts.contains("  ping: { args: Record<string, never>, result: null },\n"),
            "{ts}"
        );
        assert!(
            ts.contains("export const COMMAND_NAMES = [\n  \"thing_get\",\n  \"ping\",\n]"),
            "{ts}"
        );
    }
}
