//! Error codes common to every ECS API, transcribed from the guide page that lists them.
//!
//! Source: `../shared/corpus/guides/ecs/Getting-started--Response-results.md`, section "Common error
//! codes" (a superset of the server errors in `Appendix--Error-code-table.md`). A test checks the table
//! against the page. The IR carries API pages only, so this guide table is kept here.

/// Where [`COMMON_ERRORS`] comes from, for the generated docs.
pub const SOURCE: &str = "the ECS guide *Response results*, section *Common error codes*";

/// `(HTTP status, code, message)` in the page's order.
pub const COMMON_ERRORS: &[(u16, &str, &str)] = &[
    (400, "IdempotentParameterMismatch", "The request is retried with updated parameters."),
    (400, "IllegalTimestamp", "The input parameter `Timestamp` that is required for processing this request is not supplied."),
    (400, "IncompleteSignature", "The request signature does not conform to Alibaba Cloud standards."),
    (400, "InsufficientBalance", "Your account does not have enough balance."),
    (400, "InvalidAccessKeyId.NotFound", "The specified AccessKey ID does not exist."),
    (400, "InvalidOwner", "OwnerId and OwnerAccount can’t be used at one API access."),
    (400, "InvalidOwnerAccount", "The specified OwnerAccount is not valid."),
    (400, "InvalidOwnerId", "The specified OwnerId is not valid."),
    (400, "InvalidParamater", "The specified parameter `SignatureMethod` is not valid."),
    (400, "InvalidParamater", "The specified parameter `SignatureVersion` is not valid."),
    (400, "InvalidParameter", "The specified parameter is not valid"),
    (400, "InvalidParameter", "The specified parameter `Action or Version` is not valid."),
    (400, "InvalidParameter.IsNull", "The required parameter must be not null."),
    (400, "MissingParameter", "The input parameter `Action` that is required for processing this request is not supplied"),
    (400, "MissingParameter", "The input parameter `AccessKeyId` that is required for processing this request is not supplied"),
    (400, "MissingParameter", "The input parameter `Signature` that is required for processing the request is not supplied."),
    (400, "MissingParameter", "The input parameter `TimeStamp` that is required for processing this request is not supplied"),
    (400, "MissingParameter", "The input parameter `Version` that is required for processing this request is not supplied"),
    (400, "SignatureNonceUsed", "The request signature nonce has been used."),
    (400, "Throttling", "You have made too many requests within a short time; your request is denied due to request throttling."),
    (400, "UnsupportedParameter", "The parameters is unsupported."),
    (400, "UnknownError", "The request processing has failed due to some unknown error."),
    (403, "ChargeTypeViolation", "The operation is not permitted due to charge type of the instance."),
    (403, "Forbidden.AccessKeyDisabled", "The AccessKey is disabled."),
    (403, "Forbidden.NotSupportRAM", "This action does not support accessed by RAM mode."),
    (403, "Forbidden.RAM", "User not authorized to operate on the specified resource, or this API doesn’t support RAM."),
    (403, "Forbidden.RiskControl", "This operation is forbidden by Alibaba Cloud RiskControl system."),
    (403, "Forbidden.SubUser", "The specified action is not available for you."),
    (403, "Forbidden.Unauthorized", "User not authorized to operate on the specified resource."),
    (403, "InvalidAccount.NotFound", "The specified Account does not exist."),
    (403, "InvalidAction", "Specified action is not valid."),
    (403, "InvalidIdempotenceParameter.Mismatch", "The specified parameters are different from before."),
    (403, "InvalidParameter.OwnerAccount", "OwnerAccount is Invalid."),
    (403, "InvalidParameter.ResourceOwnerAccount", "ResourceOwnerAccount is Invalid."),
    (403, "LastTokenProcessing", "The last token request is processing."),
    (403, "MissingParameter", "The input parameter OwnerId,OwnerAccount that is required for processing this request is not supplied."),
    (403, "RealNameAuthenticationError", "Your account has not passed the real-name authentication yet."),
    (403, "UnsupportedHTTPMethod", "This HTTP method is not supported."),
    (404, "InvalidDiskId.NotFound", "The specified DiskId does not exist."),
    (404, "InvalidImageId.NotFound", "The specified ImageId does not exist."),
    (404, "InvalidInstanceId.NotFound", "The specified InstanceId does not exist."),
    (404, "InvalidRegionId.NotFound", "The specified RegionId does not exist."),
    (404, "InvalidSecurityGroupId.NotFound", "The specified SecurityGroupId does not exist."),
    (404, "InvalidSnapshotId.NotFound", "The specified SnapshotId does not exist."),
    (409, "OperationConflict", "Request was denied due to conflict with a previous request."),
    (500, "InternalError", "The request processing has failed due to some unknown error, exception or failure."),
    (503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."),
    (503, "ServiceUnavailable.RegionMaintaining", "System maintenance is in progress on the selected region, please wait a few minutes before trying again."),
];
