/// A control plane call, kept with its error so that the message can name the IAM action and the resource.
public enum AMPOperation: Sendable, Equatable {
    case listWorkspaces(alias: String?)
    case describeWorkspace(id: String)

    /// The API operation name, as in the AMP API reference.
    public var name: String {
        switch self {
        case .listWorkspaces: "ListWorkspaces"
        case .describeWorkspace: "DescribeWorkspace"
        }
    }

    public var iamAction: String {
        switch self {
        case .listWorkspaces: AMPWire.IAMAction.listWorkspaces
        case .describeWorkspace: AMPWire.IAMAction.describeWorkspace
        }
    }

    /// The resource an IAM policy must allow the action on, with `<account>` in place of the unknown account ID.
    func resourceDescription(region: String) -> String {
        switch self {
        case .listWorkspaces:
            "the workspaces of \(region)"
        case .describeWorkspace(let id):
            "arn:\(AWSPartition.forRegion(region).id):aps:\(region):<account>:workspace/\(id)"
        }
    }

    /// The operation with its argument, as error messages show it.
    var display: String {
        switch self {
        case .listWorkspaces(let alias?): "\(name) (alias prefix '\(alias)')"
        case .listWorkspaces(nil): name
        case .describeWorkspace(let id): "\(name) for workspace \(id)"
        }
    }
}
