// The quiz question form: the "correct answer" menu lists the choices as
// they are typed, one per line (blank lines are left out, as on the server).
document.addEventListener("input", (event) => {
  const area = event.target.closest("textarea[data-choices-for]");
  if (!area) {
    return;
  }
  const menu = document.getElementById(area.dataset.choicesFor);
  const chosen = menu.value;
  const lines = area.value
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  menu.replaceChildren(
    ...lines.map((line, index) => new Option(`${index + 1}. ${line}`, String(index))),
  );
  if (Number(chosen) < lines.length) {
    menu.value = chosen;
  }
});
