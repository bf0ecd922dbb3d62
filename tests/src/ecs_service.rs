//! A loopback ECS service: answers each `Action` with the docs' own JSON response example (read from
//! the committed IR, `generated/ir/ecs/<Action>.json`), pages `DescribeInstances` in two, and checks
//! every signature with the official SDK's signer.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

use crate::loopback::{LoopbackServer, Reply};

/// The AccessKey the service accepts.
pub const ACCESS_KEY_ID: &str = "loopback-access-key-id";
pub const ACCESS_KEY_SECRET: &str = "loopback-access-key-secret";

/// The service; stops when dropped.
pub struct EcsService {
    pub server: LoopbackServer,
    examples: Arc<BTreeMap<String, Value>>,
}

/// Every API's JSON response example in the committed IR, by `Action`.
pub fn response_examples() -> BTreeMap<String, Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/ir/ecs");
    let mut examples = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("generated/ir/ecs") {
        let path = entry.expect("an entry").path();
        if !path.is_file() {
            continue; // `lines/`: the IR's provenance, beside it
        }
        let Ok(api) = serde_json::from_str::<Value>(&std::fs::read_to_string(&path).expect("readable"))
        else {
            continue;
        };
        let (Some(name), Some(example)) = (api["name"].as_str(), api["examples"]["json_response"].as_str())
        else {
            continue;
        };
        // Some examples start with the HTTP status line and headers: the JSON starts at the first `{`.
        let body = example.find('{').map_or(example, |start| &example[start..]);
        if let Ok(json) = serde_json::from_str::<Value>(body) {
            examples.insert(name.to_owned(), json);
        }
    }
    examples
}

impl EcsService {
    pub fn start() -> Self {
        let examples = Arc::new(response_examples());
        let served = Arc::clone(&examples);
        let server = LoopbackServer::with_handler(ACCESS_KEY_SECRET, move |exchange, _| {
            let action = exchange.param("Action").unwrap_or("");
            let Some(example) = served.get(action) else {
                return Reply::json(
                    400,
                    r#"{"RequestId":"L-1","Code":"InvalidAction.NotFound","Message":"no docs example"}"#,
                );
            };
            let mut answer = example.clone();
            // DescribeInstances: the example's NextToken leads to a second page, which is the last.
            if action == "DescribeInstances" && exchange.param("NextToken").is_some() {
                answer["NextToken"] = Value::String(String::new());
            }
            Reply::json(200, &answer.to_string())
        });
        EcsService { server, examples }
    }

    /// The service's explicit endpoint (`http://127.0.0.1:<port>`).
    pub fn endpoint(&self) -> String {
        self.server.base_url.clone()
    }

    /// The docs' response example for `action`.
    pub fn example(&self, action: &str) -> Option<&Value> {
        self.examples.get(action)
    }

    /// How many APIs the service can answer.
    pub fn actions(&self) -> usize {
        self.examples.len()
    }

    /// Puts the service's AccessKey and the region `cn-hangzhou` into this process's environment,
    /// where the default chain and `Config::from_env` find them (for single-threaded programs: the
    /// README example).
    pub fn export_env(&self) {
        std::env::set_var("ALIBABA_CLOUD_ACCESS_KEY_ID", ACCESS_KEY_ID);
        std::env::set_var("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ACCESS_KEY_SECRET);
        std::env::set_var("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou");
    }

    /// Every request reached the service signed, and each signature was accepted.
    pub fn all_signed(&self) -> bool {
        let exchanges = self.server.exchanges();
        !exchanges.is_empty() && exchanges.iter().all(|e| e.signed_ok())
    }
}
