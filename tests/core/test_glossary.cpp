// The glossary: every term findable by its id, defined in one or two
// sentences, none twice; the words the scenes' texts lean on are all there.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/glossary.h"

namespace pl {
namespace {

int sentences(const std::string& text) {
    int n = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        // A sentence ends at '.', '!' or '?' before a space or the end (not "2.5" or "e.g.").
        if ((text[i] == '.' || text[i] == '?' || text[i] == '!') && (i + 1 == text.size() || text[i + 1] == ' ')) ++n;
    }
    return n;
}

TEST(Glossary, EveryTermIsDefinedOnceInOneOrTwoSentences) {
    std::set<std::string> ids, names;
    ASSERT_GE(glossary().size(), 30u);
    for (const Term& t : glossary()) {
        SCOPED_TRACE(t.id);
        EXPECT_TRUE(ids.insert(t.id).second) << "id twice";
        EXPECT_TRUE(names.insert(t.name).second) << "name twice";
        for (const char* c = t.id; *c; ++c) EXPECT_TRUE((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-');
        const std::string d = t.definition;
        EXPECT_GE(sentences(d), 1);
        EXPECT_LE(sentences(d), 2);
        EXPECT_LE(d.size(), 260u);
        EXPECT_EQ(d.back(), '.');
        EXPECT_EQ(find_term(t.id), &t);
    }
    EXPECT_EQ(find_term("no-such-term"), nullptr);
}

TEST(Glossary, TheJargonTheScenesUseIsThere) {
    // The words a new student met without explanation (issue 15) and the trained networks' columns.
    for (const char* id : {"consistency", "l2-distance", "jump", "start", "blur-pool", "valid-padding", "same-padding", "circular-fill",
                           "zero-fill", "receptive-field", "stride", "window", "multiply-adds", "parameters", "held-out-accuracy",
                           "one-pixel-flips", "augmentation", "learning-rate", "epoch", "batch", "loss", "subsampling", "aliasing",
                           "global-max-pooling", "global-average-pooling", "gradient"}) {
        EXPECT_NE(find_term(id), nullptr) << id;
    }
}

TEST(Glossary, TheLiveLineFollowsTheDefinition) {
    EXPECT_EQ(term_text("jump", "Here: jump 4."), std::string(find_term("jump")->definition) + "\nHere: jump 4.");
    EXPECT_EQ(term_text("jump"), find_term("jump")->definition);
    EXPECT_EQ(term_text("unknown", "only this"), "only this");
}

}  // namespace
}  // namespace pl
