//! Where a product's requests go: a checked host (never a free-form URL), picked from the endpoint
//! data `gen` read from the docs, or given explicitly.

use std::fmt;

use crate::region::Region;

/// `http` or `https`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// TLS: every product endpoint.
    Https,
    /// Plain HTTP: for a local test server or the metadata service only.
    Http,
}

/// A base URL that can only be `scheme://host[:port]/`: the host is a DNS name or an IPv4 address,
/// checked label by label, so no user or page string can add a path, user info, a query or a
/// fragment that would send a signed request elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Endpoint {
    /// `https`, or `http` for a local server.
    pub scheme: Scheme,
    /// The checked host name or IPv4 address.
    pub host: String,
    /// A port other than the scheme's own.
    pub port: Option<u16>,
}

impl Endpoint {
    /// `https://<host>/`.
    pub fn https(host: &str) -> Result<Self, InvalidEndpoint> {
        check_host(host)?;
        Ok(Endpoint { scheme: Scheme::Https, host: host.to_ascii_lowercase(), port: None })
    }

    /// Reads `host`, `host:port`, `https://host[:port][/]` or `http://host[:port][/]`; nothing else
    /// (a bare `host/` is refused: it looks like the start of a path).
    pub fn parse(text: &str) -> Result<Self, InvalidEndpoint> {
        let bad = || InvalidEndpoint(text.to_owned());
        let (scheme, rest) = if let Some(rest) = text.strip_prefix("https://") {
            (Scheme::Https, rest.strip_suffix('/').unwrap_or(rest))
        } else if let Some(rest) = text.strip_prefix("http://") {
            (Scheme::Http, rest.strip_suffix('/').unwrap_or(rest))
        } else {
            (Scheme::Https, text)
        };
        let (host, port) = match rest.rsplit_once(':') {
            Some((host, port)) => {
                let port: u16 = port.parse().map_err(|_| bad())?;
                if port == 0 || !port_digits_only(rest) {
                    return Err(bad());
                }
                (host, Some(port))
            }
            None => (rest, None),
        };
        check_host(host).map_err(|_| bad())?;
        Ok(Endpoint { scheme, host: host.to_ascii_lowercase(), port })
    }

    /// `https://ecs.cn-hangzhou.aliyuncs.com/`: always ends in `/`, the path every RPC call uses.
    pub fn base_url(&self) -> String {
        let scheme = match self.scheme {
            Scheme::Https => "https",
            Scheme::Http => "http",
        };
        match self.port {
            Some(port) => format!("{scheme}://{}:{port}/", self.host),
            None => format!("{scheme}://{}/", self.host),
        }
    }
}

fn port_digits_only(rest: &str) -> bool {
    rest.rsplit_once(':')
        .is_some_and(|(_, port)| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.base_url())
    }
}

/// A DNS name (labels of letters, digits and inner dashes, at most 253 characters) or an IPv4 address.
fn check_host(host: &str) -> Result<(), InvalidEndpoint> {
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    if !host.is_empty() && host.len() <= 253 && host.split('.').all(label_ok) {
        Ok(())
    } else {
        Err(InvalidEndpoint(host.to_owned()))
    }
}

/// A string that is not a plain host (or `scheme://host[:port]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidEndpoint(pub String);

impl fmt::Display for InvalidEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a plain host name (expected `host`, `host:port` or `http[s]://host[:port]`, \
             without path, user info, query or fragment)",
            crate::error::truncated(&self.0, 120)
        )
    }
}

impl std::error::Error for InvalidEndpoint {}

/// Public internet endpoints, or the ones reachable from inside a VPC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Network {
    /// The product's internet endpoints (the default).
    #[default]
    Public,
    /// The product's VPC endpoints (`ecs-vpc.cn-hangzhou.aliyuncs.com`): for instances without
    /// internet access. A region with no documented VPC endpoint is an error, not a fallback.
    Vpc,
}

/// A product's endpoint data, as `gen` read it from the docs (each generated crate has one:
/// `alibabacloud_ecs::ENDPOINTS`). Hosts are checked when used, like any other input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProductEndpoints {
    /// The product code (`Ecs`).
    pub product: &'static str,
    /// The central endpoint (`ecs.aliyuncs.com`): serves every region named in `RegionId`.
    pub central: &'static str,
    /// `(region, host)` pairs for the public regional endpoints, sorted by region.
    pub regional: &'static [(&'static str, &'static str)],
    /// `(region, host)` pairs for the VPC endpoints, sorted by region.
    pub vpc: &'static [(&'static str, &'static str)],
    /// Hosts the docs give only as a pattern, the region written `{region}`
    /// (`elasticsearch.{region}.aliyuncs.com`).
    pub patterns: &'static [&'static str],
}

impl ProductEndpoints {
    /// Where a client for `region` on `network` sends its requests:
    ///
    /// - public: the region's documented endpoint, else the first documented pattern with the region
    ///   put in, else the central one (which serves every region named in `RegionId`);
    /// - VPC: the region's documented VPC endpoint; there is no fallback (a VPC without internet
    ///   access could not reach the central endpoint anyway).
    pub fn resolve(&self, region: &Region, network: Network) -> Result<Endpoint, EndpointError> {
        let lookup = |table: &'static [(&'static str, &'static str)]| -> Option<&'static str> {
            table.iter().find(|(name, _)| *name == region.as_str()).map(|(_, host)| *host)
        };
        let host = match network {
            Network::Public => match (lookup(self.regional), self.patterns.first()) {
                (Some(host), _) => host.to_owned(),
                (None, Some(pattern)) => pattern.replace("{region}", region.as_str()),
                (None, None) if !self.central.is_empty() => self.central.to_owned(),
                (None, None) => {
                    return Err(EndpointError::NoEndpoint { product: self.product, region: region.clone() })
                }
            },
            Network::Vpc => lookup(self.vpc)
                .ok_or_else(|| EndpointError::NoVpcEndpoint {
                    product: self.product,
                    region: region.clone(),
                })?
                .to_owned(),
        };
        Endpoint::https(&host).map_err(EndpointError::Invalid)
    }
}

/// Why no endpoint could be chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EndpointError {
    /// The endpoint data names no endpoint at all for the region (no regional, pattern or central host).
    NoEndpoint {
        /// The product code (`Ecs`).
        product: &'static str,
        /// The region asked for.
        region: Region,
    },
    /// The endpoint data names no VPC endpoint for the region.
    NoVpcEndpoint {
        /// The product code (`Ecs`).
        product: &'static str,
        /// The region asked for.
        region: Region,
    },
    /// A host in the endpoint data, or an explicit endpoint, is not a plain host name.
    Invalid(InvalidEndpoint),
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EndpointError::NoEndpoint { product, region } => {
                write!(f, "the {product} docs give no endpoint for region `{region}`; set one explicitly")
            }
            EndpointError::NoVpcEndpoint { product, region } => {
                write!(f, "the {product} docs list no VPC endpoint for region `{region}`")
            }
            EndpointError::Invalid(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for EndpointError {}

#[cfg(test)]
mod tests {
    use super::*;

    const ECS: ProductEndpoints = ProductEndpoints {
        product: "Ecs",
        central: "ecs.aliyuncs.com",
        regional: &[("cn-hangzhou", "ecs.cn-hangzhou.aliyuncs.com")],
        vpc: &[("cn-hangzhou", "ecs-vpc.cn-hangzhou.aliyuncs.com")],
        patterns: &[],
    };

    fn region(id: &str) -> Region {
        Region::new(id).expect("valid region")
    }

    #[test]
    fn resolves_regional_central_and_vpc_hosts_from_the_table() {
        let at = |id, network| ECS.resolve(&region(id), network).map(|endpoint| endpoint.base_url());
        assert_eq!(
            at("cn-hangzhou", Network::Public).as_deref(),
            Ok("https://ecs.cn-hangzhou.aliyuncs.com/")
        );
        assert_eq!(at("eu-west-1", Network::Public).as_deref(), Ok("https://ecs.aliyuncs.com/"));
        assert_eq!(
            at("cn-hangzhou", Network::Vpc).as_deref(),
            Ok("https://ecs-vpc.cn-hangzhou.aliyuncs.com/")
        );
        assert!(matches!(at("eu-west-1", Network::Vpc), Err(EndpointError::NoVpcEndpoint { .. })));
        let pattern =
            ProductEndpoints { regional: &[], central: "", patterns: &["es.{region}.aliyuncs.com"], ..ECS };
        assert_eq!(
            pattern.resolve(&region("cn-beijing"), Network::Public).map(|e| e.base_url()).as_deref(),
            Ok("https://es.cn-beijing.aliyuncs.com/")
        );
        let nothing = ProductEndpoints { regional: &[], central: "", ..ECS };
        assert!(matches!(
            nothing.resolve(&region("cn-beijing"), Network::Public),
            Err(EndpointError::NoEndpoint { .. })
        ));
        let bad = ProductEndpoints { regional: &[("cn-hangzhou", "evil.example/x")], ..ECS };
        assert!(matches!(
            bad.resolve(&region("cn-hangzhou"), Network::Public),
            Err(EndpointError::Invalid(_))
        ));
    }

    #[test]
    fn explicit_endpoints_are_plain_hosts_only() {
        for (text, url) in [
            ("ecs.aliyuncs.com", "https://ecs.aliyuncs.com/"),
            ("https://ECS.aliyuncs.com/", "https://ecs.aliyuncs.com/"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080/"),
            ("localhost:99", "https://localhost:99/"),
        ] {
            assert_eq!(Endpoint::parse(text).expect(text).base_url(), url);
        }
        for bad in [
            "",
            "evil.example/",
            "https://ecs.aliyuncs.com/path",
            "cn-hangzhou.attacker.com#",
            "a@b",
            "https://user@ecs.aliyuncs.com",
            "ecs.aliyuncs.com?x=1",
            "ftp://ecs.aliyuncs.com",
            "ecs.aliyuncs.com:0",
            "ecs.aliyuncs.com:+80",
            "ecs.aliyuncs.com:70000",
            "ecs..aliyuncs.com",
            "-ecs.aliyuncs.com",
            "[::1]:80",
            "ecs.aliyuncs.com\r\nX: y",
        ] {
            assert!(Endpoint::parse(bad).is_err(), "{bad:?} accepted");
        }
    }
}
