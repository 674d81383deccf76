// The scenes, in the order of the scene bar: the one list of them. Each line
//   POOLLAB_SCENE(Id, name)
// is a scene whose model lives in src/core/scenes/name/ and defines
// `const pl::SceneModel pl::name_scene_model`, and whose view lives in
// src/app/scenes/name/ and defines `const SceneView name_scene_view`.
// `name` is also the scene's name in links (scene=name). Adding a scene is
// its two folders and one line here; see docs/architecture.md.
//
// Included, with POOLLAB_SCENE defined, by core/scene.h (the enum),
// core/scene.cpp (the models) and app/shell/scenes.cpp (the views).
POOLLAB_SCENE(Steps, steps)
POOLLAB_SCENE(Shift, shift)
POOLLAB_SCENE(Fields, fields)
POOLLAB_SCENE(Image, image)
POOLLAB_SCENE(Train, train)
