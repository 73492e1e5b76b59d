import AmazonPrometheus
import HTTPTransport

/// AMP's optional caps on query samples processed, accepted by `query` and `range_query`.
///
/// They are sent only when given; Prometheus and the other servers ignore the parameters.
enum SampleThresholdArguments {
    static let warning = AMPQueryOptions.maxSamplesProcessedWarningThreshold
    static let error = AMPQueryOptions.maxSamplesProcessedErrorThreshold
    static let names: Set<String> = [warning, error]

    static func parameters(_ arguments: ToolArguments) throws(ToolFailure) -> QueryParameters {
        let warningValue = try arguments.optionalInt(warning, range: 1...Int(Int64.max / 2))
        let errorValue = try arguments.optionalInt(error, range: 1...Int(Int64.max / 2))
        do {
            return try AMPSampleThresholds(warning: warningValue, error: errorValue).queryParameters
        } catch {
            throw ToolFailure.invalidArgument(warning, error.description)
        }
    }
}
