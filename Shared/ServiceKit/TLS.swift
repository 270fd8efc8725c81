import Foundation
public import NIOSSL

/// The PEM files a service presents and trusts.
public struct TLSFiles: Sendable {
    public var certificate: String
    public var privateKey: String
    public var certificateAuthority: String

    public init(certificate: String, privateKey: String, certificateAuthority: String) {
        self.certificate = certificate
        self.privateKey = privateKey
        self.certificateAuthority = certificateAuthority
    }

    /// The server side: h2 and http/1.1 over TLS 1.2+, a client certificate from the internal CA required.
    public func serverConfiguration() throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain,
            privateKey: .privateKey(try NIOSSLPrivateKey(file: privateKey, format: .pem))
        )
        tls.minimumTLSVersion = .tlsv12
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificateAuthority))
        // On a server, this mode demands a client certificate and verifies its chain against trustRoots.
        tls.certificateVerification = .noHostnameVerification
        tls.applicationProtocols = ["h2", "http/1.1"]
        return tls
    }

    /// The client side: this service's certificate toward its peers, whose certificates must chain to the CA and match the host.
    public func clientConfiguration() throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
        tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: privateKey, format: .pem))
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificateAuthority))
        tls.certificateVerification = .fullVerification
        tls.applicationProtocols = ["h2", "http/1.1"]
        return tls
    }
}
