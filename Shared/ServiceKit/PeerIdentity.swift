import Foundation
public import NIOCore
import NIOSSL
import PathwiseProtocol
import X509

/// Reads who is calling from the client certificate of the TLS connection a request arrived on.
public enum PeerIdentity {
    /// The peer of `channel`: under HTTP/2 the request's channel is a stream whose parent holds TLS.
    public static func peer(of channel: any Channel) async -> Peer? {
        for candidate in [channel, channel.parent].compactMap({ $0 }) {
            if let certificate = try? await candidate.nioSSL_peerCertificate().get() {
                return peer(named: try? certificate.toDERBytes())
            }
        }
        return nil
    }

    /// The peer a DER certificate names: the first DNS subject alternative name, else the common name.
    static func peer(named der: [UInt8]?) -> Peer? {
        guard let der, let certificate = try? Certificate(derEncoded: der) else { return nil }
        let names = (try? certificate.extensions.subjectAlternativeNames) ?? nil
        let dnsName = names?.lazy.compactMap { name -> String? in
            if case .dnsName(let dns) = name, dns != "localhost" { return dns }
            return nil
        }.first
        let commonName = certificate.subject.lazy.flatMap { $0 }.first { $0.type == .RDNAttributeType.commonName }
            .map { "\($0.value)" }
        guard let name = dnsName ?? commonName else { return nil }
        if name == "gateway" { return .gateway }
        if let service = ServiceName(rawValue: name) { return .service(service) }
        return .other(name)
    }
}

extension ServiceRequestContext {
    /// The address of the person behind the request: the gateway's `X-Forwarded-For` when the gateway
    /// is the peer (it replaces whatever the client sent), otherwise the connection's own address.
    public func clientAddress(forwardedFor: String?) async -> String {
        if let forwardedFor, await PeerIdentity.peer(of: channel) == .gateway,
            let first = forwardedFor.split(separator: ",").first?.trimmingCharacters(in: .whitespaces), !first.isEmpty
        {
            return first
        }
        let address = channel.remoteAddress ?? channel.parent?.remoteAddress
        return address?.ipAddress ?? "unknown"
    }
}
