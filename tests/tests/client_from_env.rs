//! The generated clients' `from_env`, async and blocking: the region from this process's
//! environment, then the endpoint the docs give for it. A test binary of its own, with one test:
//! it sets the process's variables.

use alibabacloud_ecs::runtime::error::ConfigError;
use alibabacloud_ecs::runtime::Error;

#[test]
fn from_env_takes_the_region_from_the_environment() {
    std::env::remove_var("ALIBABA_CLOUD_REGION_ID");
    // Without a region there is no endpoint to choose: the error says so, for either client.
    assert!(matches!(alibabacloud_ecs::Client::from_env(), Err(Error::Config(ConfigError::NoRegion))));
    assert!(matches!(
        alibabacloud_ecs::blocking::Client::from_env(),
        Err(Error::Config(ConfigError::NoRegion))
    ));

    std::env::set_var("ALIBABA_CLOUD_REGION_ID", "eu-central-1");
    let client = alibabacloud_ecs::Client::from_env().expect("a client for the environment's region");
    assert_eq!(client.as_runtime().region().map(|r| r.as_str()), Some("eu-central-1"));
    assert_eq!(client.as_runtime().endpoint().base_url(), "https://ecs.eu-central-1.aliyuncs.com/");
    alibabacloud_ecs::blocking::Client::from_env().expect("a blocking client for the environment's region");
}
