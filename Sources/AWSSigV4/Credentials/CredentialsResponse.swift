import Foundation

/// The credentials JSON that the container endpoint and the EC2 instance metadata service return.
struct CredentialsResponse: Decodable {
    var AccessKeyId: String
    var SecretAccessKey: String
    var Token: String?
    var Expiration: String?
    /// `Success` from the instance metadata service, and absent from the container endpoint's response.
    var Code: String?

    /// Decodes `body` into credentials.
    /// - Throws: ``CredentialError/invalidResponse(source:url:reason:)`` for a body that is not the expected
    ///   JSON, naming what is wrong without repeating the body, which contains secrets.
    static func credentials(from body: Data, source: String, url: String) throws -> AWSCredentials {
        let response: CredentialsResponse
        do {
            response = try JSONDecoder().decode(CredentialsResponse.self, from: body)
        } catch DecodingError.keyNotFound(let key, _) {
            throw CredentialError.invalidResponse(source: source, url: url, reason: "the key \(key.stringValue) is missing")
        } catch {
            throw CredentialError.invalidResponse(source: source, url: url, reason: "the body is not credentials JSON")
        }

        if let code = response.Code, code != "Success" {
            throw CredentialError.invalidResponse(source: source, url: url, reason: "Code is \(code), not Success")
        }
        var expiration: Date?
        if let text = response.Expiration {
            guard let date = ISO8601Timestamp.parse(text) else {
                throw CredentialError.invalidExpiration(source: "the \(source) at \(url)", value: text)
            }
            expiration = date
        }
        return AWSCredentials(accessKeyId: response.AccessKeyId, secretAccessKey: response.SecretAccessKey,
                              sessionToken: response.Token, expiration: expiration)
    }
}
