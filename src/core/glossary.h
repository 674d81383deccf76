#pragma once
// The words PoolLab uses, each with a definition of one or two sentences: one
// glossary for every scene, shown when a term is hovered or focused and
// listed in the help. A view may add a line with the live numbers of the
// state on screen ("jump 4: neighbouring units here are 4 input pixels apart").
#include <string>
#include <string_view>
#include <vector>

namespace pl {

struct Term {
    const char* id;          // stable, lower case: "receptive-field"
    const char* name;        // as the app writes it: "Receptive field"
    const char* definition;  // one or two sentences
};

// Every term, in the order the help lists them (the order a course meets them).
const std::vector<Term>& glossary();

// The term with this id, or nullptr.
const Term* find_term(std::string_view id);

// What a tooltip says: the definition, then the live line if there is one.
std::string term_text(std::string_view id, const std::string& live = {});

}  // namespace pl
