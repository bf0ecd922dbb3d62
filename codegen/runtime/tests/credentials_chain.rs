//! Every source of the default credential chain, driven through a real client against loopback
//! services: fake STS (AssumeRole, AssumeRoleWithOIDC) and metadata services, and profile files in a
//! temporary HOME; the chain's order; expiry and refresh under concurrency.
#![cfg(feature = "client")]

mod support;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use alibabacloud_runtime::client::Client;
use alibabacloud_runtime::credentials::{CredentialsError, DefaultChain, TimeSource};
use alibabacloud_runtime::endpoint::Endpoint;
use alibabacloud_runtime::env::Env;
use alibabacloud_runtime::error::Error;
use alibabacloud_runtime::signing::Timestamp;
use alibabacloud_runtime::Config;
use support::fake_api::{DescribeThingsRequest, ENDPOINTS};
use support::loopback::{Exchange, LoopbackServer, Reply};

const SOURCE_ID: &str = "source-id";
const SOURCE_SECRET: &str = "source-secret";
const OIDC_TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.oidc.token";
const ROLE_ARN: &str = "acs:ram::123456789012****:role/test-role";

/// A fresh folder under the system temp dir, removed when dropped.
struct TempHome(PathBuf);

impl TempHome {
    fn new(name: &str) -> Self {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "alibabacloud-runtime-{name}-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempHome(dir)
    }

    fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("dirs");
        std::fs::write(&path, text).expect("write");
        path
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn now_plus(seconds: u64) -> String {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).expect("after 1970").as_secs();
    Timestamp::from_unix_seconds(now + seconds).as_str().to_owned()
}

fn sts_answer(n: usize, expires_in: u64) -> Reply {
    Reply::json(
        200,
        &format!(
            r#"{{"RequestId":"STS-{n}","AssumedRoleUser":{{"Arn":"{ROLE_ARN}/s","AssumedRoleId":"3{n}"}},"Credentials":{{"AccessKeyId":"STS.{n}","AccessKeySecret":"sts-secret-{n}","SecurityToken":"sts-token-{n}","Expiration":"{}"}}}}"#,
            now_plus(expires_in)
        ),
    )
}

/// A fake STS: `AssumeRole` must be signed with the source keys, `AssumeRoleWithOIDC` unsigned with
/// the OIDC token; each answer hands out the next `STS.<n>` keys, valid `n × expires_in` seconds of
/// real time (later keys outlive a test clock moved forward).
fn sts_server(expires_in: u64, delay: Duration) -> LoopbackServer {
    let issued = AtomicUsize::new(0);
    LoopbackServer::with_handler(SOURCE_SECRET, move |exchange, _| {
        let ok = match exchange.param("Action") {
            Some("AssumeRole") => {
                exchange.signed_ok()
                    && exchange.param("AccessKeyId") == Some(SOURCE_ID)
                    && exchange.param("RoleArn") == Some(ROLE_ARN)
            }
            Some("AssumeRoleWithOIDC") => {
                exchange.signature_ok.is_none()
                    && exchange.param("OIDCToken") == Some(OIDC_TOKEN)
                    && exchange.param("RoleArn") == Some(ROLE_ARN)
                    && exchange.param("OIDCProviderArn").is_some()
            }
            _ => false,
        };
        if !ok {
            return Reply::json(
                400,
                r#"{"RequestId":"STS-X","Code":"InvalidParameter","Message":"unexpected request"}"#,
            );
        }
        let n = issued.fetch_add(1, Ordering::SeqCst) + 1;
        sts_answer(n, expires_in * n as u64).slow(delay)
    })
}

const META_TOKEN: &str = "metadata-session-token";

/// A fake metadata service that answers only with its session token.
fn metadata_server() -> LoopbackServer {
    LoopbackServer::with_handler("unused", |exchange, _| {
        let token_ok = exchange.header("x-aliyun-ecs-metadata-token") == Some(META_TOKEN);
        match (exchange.method.as_str(), exchange.path.as_str()) {
            ("PUT", "/latest/api/token")
                if exchange.header("x-aliyun-ecs-metadata-token-ttl-seconds").is_some() =>
            {
                Reply::text(200, META_TOKEN)
            }
            ("GET", "/latest/meta-data/ram/security-credentials/") if token_ok => Reply::text(200, "EcsRole"),
            ("GET", "/latest/meta-data/ram/security-credentials/EcsRole") if token_ok => Reply::json(
                200,
                &format!(
                    r#"{{"AccessKeyId":"ECS.1","AccessKeySecret":"ecs-secret-1","Expiration":"{}","SecurityToken":"ecs-token-1","LastUpdated":"2024-01-01T00:00:00Z","Code":"Success"}}"#,
                    now_plus(21600)
                ),
            ),
            _ => Reply::text(401, "unauthorized"),
        }
    })
}

/// The service, which knows every key the fakes hand out.
fn service() -> LoopbackServer {
    let server = LoopbackServer::start(
        SOURCE_SECRET,
        vec![Reply::json(200, r#"{"RequestId":"OK-1","TotalCount":1}"#)],
    );
    for n in 1..=5 {
        server.add_key(&format!("STS.{n}"), &format!("sts-secret-{n}"));
    }
    server.add_key("ECS.1", "ecs-secret-1");
    server.add_key("env-id", "env-secret");
    server.add_key("cli-id", "cli-secret");
    server.add_key("ini-id", "ini-secret");
    server
}

struct Fakes {
    service: LoopbackServer,
    sts: LoopbackServer,
    metadata: LoopbackServer,
}

impl Fakes {
    fn new() -> Self {
        Fakes { service: service(), sts: sts_server(3600, Duration::ZERO), metadata: metadata_server() }
    }

    fn chain(&self, env: &Env) -> DefaultChain {
        DefaultChain::builder()
            .env(env.clone())
            .sts_endpoint(Endpoint::parse(&self.sts.base_url).expect("endpoint"))
            .metadata_endpoint(Endpoint::parse(&self.metadata.base_url).expect("endpoint"))
            .build()
    }

    fn client(&self, env: &Env, time: TimeSource) -> Client {
        let config = Config::builder()
            .env(env.clone())
            .region("cn-hangzhou")
            .endpoint(self.service.base_url.clone())
            .credentials_provider(self.chain(env))
            .time_source(time)
            .build()
            .expect("config");
        Client::new(&config, &ENDPOINTS).expect("client")
    }

    /// Sends one call through the chain; the exchange the service saw.
    async fn call(&self, env: &Env) -> Result<Exchange, Error<support::fake_api::FakeError>> {
        let client = self.client(env, TimeSource::default());
        client.send(&describe()).await?;
        let exchange = self.service.exchanges().last().cloned().expect("an exchange");
        assert!(exchange.signed_ok(), "{exchange:?}");
        Ok(exchange)
    }

    fn sts_calls(&self, action: &str) -> usize {
        self.sts.exchanges().iter().filter(|e| e.param("Action") == Some(action)).count()
    }
}

fn describe() -> DescribeThingsRequest {
    DescribeThingsRequest { region_id: "cn-hangzhou".into(), ..Default::default() }
}

fn env(home: &TempHome, extra: &[(&str, &str)]) -> Env {
    let mut pairs = vec![("HOME".to_owned(), home.path().display().to_string())];
    pairs.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    Env::from_pairs(pairs)
}

const CLI_CONFIG: &str = r#"{
  "current": "ak",
  "profiles": [
    {"name": "ak", "mode": "AK", "access_key_id": "cli-id", "access_key_secret": "cli-secret", "region_id": "cn-hangzhou"},
    {"name": "sts", "mode": "StsToken", "access_key_id": "cli-id", "access_key_secret": "cli-secret", "sts_token": "cli-token"},
    {"name": "arn", "mode": "RamRoleArn", "access_key_id": "source-id", "access_key_secret": "source-secret",
     "ram_role_arn": "acs:ram::123456789012****:role/test-role", "ram_session_name": "cli-session", "expired_seconds": 900},
    {"name": "ecs", "mode": "EcsRamRole", "ram_role_name": "EcsRole"}
  ]
}"#;

const INI: &str = "[default]\ntype = access_key\naccess_key_id = ini-id\naccess_key_secret = ini-secret\n\n\
[sts]\ntype = sts\naccess_key_id = ini-id\naccess_key_secret = ini-secret\nsecurity_token = ini-token\n\n\
[ecs]\ntype = ecs_ram_role\n\n\
[arn]\ntype = ram_role_arn\naccess_key_id = source-id\naccess_key_secret = source-secret\n\
role_arn = acs:ram::123456789012****:role/test-role\nrole_session_name = ini-session\n\n\
[off]\nenable = false\ntype = access_key\naccess_key_id = x\naccess_key_secret = y\n";

#[tokio::test]
async fn environment_keys_and_security_token() {
    let fakes = Fakes::new();
    let home = TempHome::new("env");
    let keys = [("ALIBABA_CLOUD_ACCESS_KEY_ID", "env-id"), ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret")];
    let exchange = fakes.call(&env(&home, &keys)).await.expect("env keys");
    assert_eq!(exchange.param("AccessKeyId"), Some("env-id"));
    assert_eq!(exchange.param("SecurityToken"), None);
    let mut with_token = keys.to_vec();
    with_token.push(("ALIBABA_CLOUD_SECURITY_TOKEN", "env-token"));
    let exchange = fakes.call(&env(&home, &with_token)).await.expect("env STS keys");
    assert_eq!(exchange.param("SecurityToken"), Some("env-token"));
}

#[tokio::test]
async fn the_oidc_role_assumes_with_the_token_file() {
    let fakes = Fakes::new();
    let home = TempHome::new("oidc");
    let file = home.write("token", &format!("{OIDC_TOKEN}\n"));
    let file = file.display().to_string();
    let vars = [
        ("ALIBABA_CLOUD_ROLE_ARN", ROLE_ARN),
        ("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::123456789012****:oidc-provider/ack"),
        ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", file.as_str()),
        ("ALIBABA_CLOUD_ROLE_SESSION_NAME", "rrsa-session"),
    ];
    let exchange = fakes.call(&env(&home, &vars)).await.expect("OIDC role");
    assert_eq!(exchange.param("AccessKeyId"), Some("STS.1"));
    assert_eq!(exchange.param("SecurityToken"), Some("sts-token-1"));
    let assume = &fakes.sts.exchanges()[0];
    assert_eq!(assume.param("RoleSessionName"), Some("rrsa-session"));
    assert_eq!(assume.param("Version"), Some("2015-04-01"));
    assert_eq!(assume.method, "POST");
}

#[tokio::test]
async fn the_cli_config_in_each_mode() {
    let fakes = Fakes::new();
    let home = TempHome::new("cli");
    home.write(".aliyun/config.json", CLI_CONFIG);
    let exchange = fakes.call(&env(&home, &[])).await.expect("current profile");
    assert_eq!(exchange.param("AccessKeyId"), Some("cli-id"));
    let exchange = fakes.call(&env(&home, &[("ALIBABA_CLOUD_PROFILE", "sts")])).await.expect("StsToken");
    assert_eq!(exchange.param("SecurityToken"), Some("cli-token"));
    let exchange = fakes.call(&env(&home, &[("ALIBABA_CLOUD_PROFILE", "arn")])).await.expect("RamRoleArn");
    assert_eq!(exchange.param("AccessKeyId"), Some("STS.1"));
    assert_eq!(exchange.param("SecurityToken"), Some("sts-token-1"));
    let assume = &fakes.sts.exchanges()[0];
    assert_eq!(assume.param("RoleSessionName"), Some("cli-session"));
    assert_eq!(assume.param("DurationSeconds"), Some("900"));
    let exchange = fakes.call(&env(&home, &[("ALIBABA_CLOUD_PROFILE", "ecs")])).await.expect("EcsRamRole");
    assert_eq!(exchange.param("AccessKeyId"), Some("ECS.1"));
    assert_eq!(exchange.param("SecurityToken"), Some("ecs-token-1"));
}

#[tokio::test]
async fn the_profile_file_in_each_type() {
    let fakes = Fakes::new();
    let home = TempHome::new("ini");
    home.write(".alibabacloud/credentials.ini", INI);
    let exchange = fakes.call(&env(&home, &[])).await.expect("default profile");
    assert_eq!(exchange.param("AccessKeyId"), Some("ini-id"));
    let exchange = fakes.call(&env(&home, &[("ALIBABA_CLOUD_PROFILE", "sts")])).await.expect("sts");
    assert_eq!(exchange.param("SecurityToken"), Some("ini-token"));
    let exchange = fakes.call(&env(&home, &[("ALIBABA_CLOUD_PROFILE", "ecs")])).await.expect("ecs_ram_role");
    assert_eq!(exchange.param("AccessKeyId"), Some("ECS.1"));
    let metadata = fakes.metadata.exchanges();
    assert_eq!(metadata[0].method, "PUT", "the session token comes first");
    assert!(metadata[1..].iter().all(|e| e.header("x-aliyun-ecs-metadata-token") == Some(META_TOKEN)));
    let exchange = fakes.call(&env(&home, &[("ALIBABA_CLOUD_PROFILE", "arn")])).await.expect("ram_role_arn");
    assert_eq!(exchange.param("AccessKeyId"), Some("STS.1"));
    assert_eq!(fakes.sts.exchanges()[0].param("RoleSessionName"), Some("ini-session"));

    let elsewhere = TempHome::new("ini-file");
    let file = elsewhere.write("my.ini", INI).display().to_string();
    let vars = [("ALIBABA_CLOUD_CREDENTIALS_FILE", file.as_str()), ("ALIBABA_CLOUD_PROFILE", "sts")];
    let exchange = fakes.call(&env(&TempHome::new("empty"), &vars)).await.expect("named file");
    assert_eq!(exchange.param("SecurityToken"), Some("ini-token"));
}

#[tokio::test]
async fn the_chain_takes_sources_in_order() {
    let fakes = Fakes::new();
    let home = TempHome::new("order");
    home.write(".aliyun/config.json", CLI_CONFIG);
    home.write(".alibabacloud/credentials.ini", INI);
    let token_file = home.write("token", OIDC_TOKEN).display().to_string();
    let env_keys =
        [("ALIBABA_CLOUD_ACCESS_KEY_ID", "env-id"), ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret")];
    let oidc = [
        ("ALIBABA_CLOUD_ROLE_ARN", ROLE_ARN),
        ("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1:oidc-provider/x"),
        ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", token_file.as_str()),
    ];
    let all: Vec<_> = env_keys.iter().chain(&oidc).copied().collect();
    assert_eq!(fakes.call(&env(&home, &all)).await.expect("env").param("AccessKeyId"), Some("env-id"));
    assert_eq!(fakes.call(&env(&home, &oidc)).await.expect("oidc").param("AccessKeyId"), Some("STS.1"));
    assert_eq!(fakes.call(&env(&home, &[])).await.expect("cli").param("AccessKeyId"), Some("cli-id"));
    let no_cli = [("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true")];
    assert_eq!(fakes.call(&env(&home, &no_cli)).await.expect("ini").param("AccessKeyId"), Some("ini-id"));
    let bare = TempHome::new("bare");
    assert_eq!(fakes.call(&env(&bare, &[])).await.expect("ecs").param("AccessKeyId"), Some("ECS.1"));
}

#[tokio::test]
async fn a_broken_source_stops_the_chain_and_nothing_set_up_names_every_source() {
    let fakes = Fakes::new();
    let home = TempHome::new("broken");
    home.write(".alibabacloud/credentials.ini", "[default]\ntype = access_key\naccess_key_id = only-id\n");
    let error = fakes.call(&env(&home, &[])).await.expect_err("no secret in the profile");
    assert!(
        matches!(&error, Error::Credentials(CredentialsError::Invalid { provider: "profile", message }) if message.contains("access_key_secret")),
        "{error:?}"
    );
    home.write(".alibabacloud/credentials.ini", "[default]\nnonsense\n");
    let error = fakes.call(&env(&home, &[])).await.expect_err("malformed");
    assert!(error.to_string().contains("line 2"), "{error}");
    let half = [("ALIBABA_CLOUD_ACCESS_KEY_ID", "env-id")];
    let error = fakes.call(&env(&TempHome::new("half"), &half)).await.expect_err("half a pair");
    assert!(matches!(error, Error::Credentials(CredentialsError::Invalid { provider: "environment", .. })));
    assert!(fakes.metadata.exchanges().is_empty(), "never fell through to the instance role");

    let free = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port");
    let dead_url = format!("http://127.0.0.1:{}", free.port());
    let nothing = TempHome::new("nothing");
    let chain = DefaultChain::builder()
        .env(env(&nothing, &[]))
        .metadata_endpoint(Endpoint::parse(&dead_url).expect("endpoint"))
        .build();
    let config = Config::builder()
        .region("cn-hangzhou")
        .endpoint(fakes.service.base_url.clone())
        .credentials_provider(chain)
        .build()
        .expect("config");
    let error =
        Client::new(&config, &ENDPOINTS).expect("client").send(&describe()).await.expect_err("nothing");
    let Error::Credentials(CredentialsError::NoneConfigured { tried }) = &error else { panic!("{error:?}") };
    let sources: Vec<&str> = tried.iter().map(|t| t.split(':').next().unwrap_or("")).collect();
    assert_eq!(sources, ["environment", "oidc_role_arn", "cli_profile", "profile", "ecs_ram_role"]);
}

/// A clock the test moves.
fn manual_clock() -> (TimeSource, Arc<AtomicU64>) {
    let offset = Arc::new(AtomicU64::new(0));
    let moved = Arc::clone(&offset);
    let time = TimeSource::new(move || SystemTime::now() + Duration::from_secs(moved.load(Ordering::SeqCst)));
    (time, offset)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn expiring_sts_credentials_refresh_once_under_a_hundred_concurrent_calls() {
    let fakes = Fakes { sts: sts_server(3600, Duration::from_millis(300)), ..Fakes::new() };
    let home = TempHome::new("refresh");
    home.write(".alibabacloud/credentials.ini", INI);
    let (time, offset) = manual_clock();
    let client = Arc::new(fakes.client(&env(&home, &[("ALIBABA_CLOUD_PROFILE", "arn")]), time));
    client.send(&describe()).await.expect("first call");
    assert_eq!(fakes.sts_calls("AssumeRole"), 1);
    for _ in 0..3 {
        client.send(&describe()).await.expect("cached");
    }
    assert_eq!(fakes.sts_calls("AssumeRole"), 1, "cached while fresh");

    offset.store(3600 - 100, Ordering::SeqCst);
    let calls: Vec<_> = (0..100)
        .map(|_| {
            let client = Arc::clone(&client);
            tokio::spawn(async move { client.send(&describe()).await })
        })
        .collect();
    for call in calls {
        call.await.expect("joined").expect("answered");
    }
    assert_eq!(fakes.sts_calls("AssumeRole"), 2, "one refresh for a hundred callers");
    let exchanges = fakes.service.exchanges();
    assert_eq!(exchanges.len(), 104);
    assert!(exchanges[..4].iter().all(|e| e.param("AccessKeyId") == Some("STS.1")));
    assert!(exchanges[4..]
        .iter()
        .all(|e| e.param("AccessKeyId") == Some("STS.2") && e.param("SecurityToken") == Some("sts-token-2")));
    assert!(exchanges.iter().all(Exchange::signed_ok));
}

#[tokio::test]
async fn a_failed_refresh_keeps_serving_credentials_until_they_expire() {
    let fakes = Fakes::new();
    let failing = LoopbackServer::start(
        SOURCE_SECRET,
        vec![
            sts_answer(1, 3600),
            Reply::json(500, r#"{"RequestId":"F","Code":"InternalError","Message":"down"}"#),
        ],
    );
    let home = TempHome::new("failing");
    home.write(".alibabacloud/credentials.ini", INI);
    let environment = env(&home, &[("ALIBABA_CLOUD_PROFILE", "arn")]);
    let chain = DefaultChain::builder()
        .env(environment.clone())
        .sts_endpoint(Endpoint::parse(&failing.base_url).expect("endpoint"))
        .build();
    let (time, offset) = manual_clock();
    let config = Config::builder()
        .env(environment)
        .region("cn-hangzhou")
        .endpoint(fakes.service.base_url.clone())
        .credentials_provider(chain)
        .time_source(time)
        .build()
        .expect("config");
    let client = Client::new(&config, &ENDPOINTS).expect("client");
    client.send(&describe()).await.expect("first");
    offset.store(3600 - 60, Ordering::SeqCst);
    client.send(&describe()).await.expect("refresh failed, old keys still valid");
    assert_eq!(fakes.service.exchanges()[1].param("AccessKeyId"), Some("STS.1"));
    offset.store(3600 + 60, Ordering::SeqCst);
    let error = client.send(&describe()).await.expect_err("expired and no refresh");
    assert!(
        matches!(error, Error::Credentials(CredentialsError::Fetch { provider: "ram_role_arn", .. })),
        "{error:?}"
    );
}
