import Mustache

/// Turns a page's view model into dictionaries and arrays before it is rendered.
///
/// swift-mustache finds `{{name}}` by reflecting the object (a `Mirror`) on every lookup, and on
/// a miss reflects every object up the context stack too. On a 300-action plan overview that
/// was 85% of the page's time. Reflecting each view model once here makes every lookup a hash
/// lookup; templates see exactly the same names and values (stored properties; nil is absent).
enum TemplateValues {
    static func flatten(_ value: Any) -> Any? {
        // Concrete casts only: a cast to a protocol existential costs a conformance lookup, and
        // our view models hold no custom Mustache types besides lambdas.
        switch value {
        case is String, is Bool, is Int, is Int64, is Double, is MustacheLambda:
            return value
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { flatten($0.value) }
        case .collection:
            return mirror.children.compactMap { flatten($0.value) }
        case .struct, .class:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                if let label = child.label, let field = flatten(child.value) {
                    fields[label] = field
                }
            }
            return TemplateObject(fields)
        default:
            return value
        }
    }
}

/// A view model's fields by name. A class with a plain conformance rather than a dictionary:
/// swift-mustache casts every object it looks into to `MustacheParent`, and for `Dictionary`
/// that is a conditional conformance the runtime checks again on every lookup.
final class TemplateObject: MustacheParent {
    let fields: [String: Any]

    init(_ fields: [String: Any]) {
        self.fields = fields
    }

    func child(named name: String) -> Any? {
        fields[name]
    }
}
