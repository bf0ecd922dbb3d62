//! Benchmarks of the generated ECS crate (`cargo bench -p sdk-bench`): typed `to_query_pairs` and
//! `validate` on a fully populated RunInstances request, each as a ratio to `serde_json::to_string` of
//! the same request. The crate is built with only the `run_instances` feature.
