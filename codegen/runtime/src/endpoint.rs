//! Where requests go: the product's default host, a regional host, or an explicit base URL.

/// The target of a request; resolved per operation against [`Operation::ENDPOINT`](crate::operation::Operation::ENDPOINT).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Endpoint {
    /// `https://<Operation::ENDPOINT>/` (`https://ecs.aliyuncs.com/`).
    #[default]
    Default,
    /// The regional host: the region inserted after the first label
    /// (`cn-hangzhou` → `https://ecs.cn-hangzhou.aliyuncs.com/`).
    Region(String),
    /// A base URL used as given, with a trailing `/` added if missing
    /// (`http://127.0.0.1:8080` for a local test server).
    BaseUrl(String),
}

impl Endpoint {
    /// The base URL, ending in `/`, for an operation whose default host is `default_host`.
    pub fn base_url(&self, default_host: &str) -> String {
        match self {
            Endpoint::Default => format!("https://{default_host}/"),
            Endpoint::Region(region) => match default_host.split_once('.') {
                Some((service, rest)) => format!("https://{service}.{region}.{rest}/"),
                None => format!("https://{default_host}.{region}/"),
            },
            Endpoint::BaseUrl(base) if base.ends_with('/') => base.clone(),
            Endpoint::BaseUrl(base) => format!("{base}/"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_default_regional_and_explicit_bases() {
        assert_eq!(Endpoint::Default.base_url("ecs.aliyuncs.com"), "https://ecs.aliyuncs.com/");
        assert_eq!(
            Endpoint::Region("cn-hangzhou".into()).base_url("ecs.aliyuncs.com"),
            "https://ecs.cn-hangzhou.aliyuncs.com/"
        );
        assert_eq!(
            Endpoint::BaseUrl("http://127.0.0.1:8080".into()).base_url("ecs.aliyuncs.com"),
            "http://127.0.0.1:8080/"
        );
    }
}
