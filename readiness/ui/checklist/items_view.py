"""The checklist itself: groups, items to check, edit, add, reorder and hide."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QIcon, QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from readiness.core.checklist.items import ChecklistItem, ChecklistView
from readiness.core.errors import UserError
from readiness.ui.context import UiContext

ID_ROLE = Qt.ItemDataRole.UserRole
GROUP_ROLE = Qt.ItemDataRole.UserRole + 1
TOOL_HINT = {"names": "Name check tab", "books": "Code books tab",
             "arrival": "Appointment tab"}


class ItemsView(QWidget):
    def __init__(self, ctx: UiContext, on_change: Callable[[], None]) -> None:
        super().__init__()
        self.ctx = ctx
        self.service = ctx.workspace.checklist
        self.on_change = on_change
        self.setAccessibleName("Checklist items")
        layout = QVBoxLayout(self)

        self.tree = QTreeWidget()
        self.tree.setObjectName("checklist-tree")
        self.tree.setAccessibleName("Checklist")
        self.tree.setColumnCount(1)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.header().setStretchLastSection(True)
        layout.addWidget(self.tree, 1)

        buttons = QHBoxLayout()
        self.up_button = self._button("Move &up", "Move item up", lambda: self._move(-1))
        self.down_button = self._button("Move &down", "Move item down", lambda: self._move(1))
        self.hide_button = self._button("&Hide", "Hide item", self._toggle_hidden)
        self.delete_button = self._button("Delete", "Delete my item", self._delete)
        self.show_hidden = QCheckBox("Show hidden items")
        self.show_hidden.setObjectName("show-hidden")
        self.show_hidden.setAccessibleName("Show hidden items")
        self.show_hidden.toggled.connect(lambda _c: self.refresh())
        for widget in (self.up_button, self.down_button, self.hide_button, self.delete_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.show_hidden)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Alt+Up"), self.tree, lambda: self._move(-1))
        QShortcut(QKeySequence("Alt+Down"), self.tree, lambda: self._move(1))

        lower = QHBoxLayout()
        editor = QGroupBox("Selected item")
        editor.setAccessibleName("Edit selected item")
        form = QFormLayout(editor)
        self.edit_text = QLineEdit()
        self.edit_text.setObjectName("edit-text")
        self.edit_text.setAccessibleName("Item text")
        self.edit_why = QLineEdit()
        self.edit_why.setObjectName("edit-why")
        self.edit_why.setAccessibleName("Why it matters")
        self.save_button = self._button("&Save changes", "Save item changes", self._save_edit)
        self.reset_button = self._button("Restore original", "Restore original text",
                                         self._reset)
        self.edit_text.returnPressed.connect(self._save_edit)
        self.edit_why.returnPressed.connect(self._save_edit)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.reset_button)
        self.problems = QLabel()
        self.problems.setObjectName("item-problems")
        self.problems.setAccessibleName("Open problems of the selected item")
        self.problems.setWordWrap(True)
        form.addRow("Text:", self.edit_text)
        form.addRow("Why:", self.edit_why)
        form.addRow(row)
        form.addRow(self.problems)
        adder = QGroupBox("Add your own item")
        adder.setAccessibleName("Add item")
        add_form = QFormLayout(adder)
        self.add_group = QComboBox()
        self.add_group.setObjectName("add-group")
        self.add_group.setAccessibleName("Group for the new item")
        self.add_text = QLineEdit()
        self.add_text.setObjectName("add-text")
        self.add_text.setAccessibleName("New item text")
        self.add_text.setPlaceholderText("e.g. Bring reading glasses")
        self.add_why = QLineEdit()
        self.add_why.setObjectName("add-why")
        self.add_why.setAccessibleName("Why the new item matters")
        self.add_button = self._button("&Add", "Add item", self._add)
        self.add_text.returnPressed.connect(self._add)
        add_form.addRow("When:", self.add_group)
        add_form.addRow("Text:", self.add_text)
        add_form.addRow("Why:", self.add_why)
        add_form.addRow(self.add_button)
        lower.addWidget(editor, 1)
        lower.addWidget(adder, 1)
        layout.addLayout(lower)

        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(lambda *_: self._selection_changed())
        self._view: ChecklistView | None = None
        self._group_keys: list[str] = []
        self._warning_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        blank = QPixmap(self.tree.iconSize() if self.tree.iconSize().isValid() else QSize(16, 16))
        blank.fill(Qt.GlobalColor.transparent)
        self._blank_icon = QIcon(blank)  # keeps every item's text at the same x
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Word-wrapped rows need their heights recomputed for the new width.
        self.tree.scheduleDelayedItemsLayout()

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name.lower().replace(" ", "-"))
        button.setAccessibleName(name)
        button.clicked.connect(lambda _c=False: slot())
        return button

    # -- model ------------------------------------------------------------------
    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else None
        return str(value) if value else None

    def current(self) -> ChecklistItem | None:
        item_id = self.current_id()
        if item_id is None or self._view is None:
            return None
        try:
            return self._view.item(item_id)
        except KeyError:
            return None

    def tree_item(self, item_id: str) -> QTreeWidgetItem | None:
        for top in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(top)
            if group is None:
                continue
            for index in range(group.childCount()):
                child = group.child(index)
                if child is not None and child.data(0, ID_ROLE) == item_id:
                    return child
        return None

    def select(self, item_id: str) -> None:
        found = self.tree_item(item_id)
        if found is not None:
            self.tree.setCurrentItem(found)

    def _fill_groups(self, view: ChecklistView) -> None:
        """The "When:" choices follow the delivery mode's groups."""
        wanted = [(g.title, g.key) for g in view.groups]
        have = [(self.add_group.itemText(i), self.add_group.itemData(i))
                for i in range(self.add_group.count())]
        if wanted == have:
            return
        keep = self.add_group.currentData()
        self.add_group.clear()
        for title, key in wanted:
            self.add_group.addItem(title, key)
        self.add_group.setCurrentIndex(max(self.add_group.findData(keep), 0))

    def group_item(self, key: str) -> QTreeWidgetItem | None:
        for top in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(top)
            if group is not None and group.data(0, GROUP_ROLE) == key:
                return group
        return None

    def show_group(self, key: str) -> None:
        """Scroll to a group and select its first open item (a reminder opens it)."""
        group = self.group_item(key)
        if group is None:
            return
        self.tree.scrollToItem(group, QTreeWidget.ScrollHint.PositionAtTop)
        children = [group.child(i) for i in range(group.childCount())]
        first = next((c for c in children
                      if c is not None and c.checkState(0) != Qt.CheckState.Checked), None)
        self.tree.setCurrentItem(first or group)
        self.tree.setFocus()

    def refresh(self) -> None:
        view = self.service.view()
        self._view = view
        self._fill_groups(view)
        now = self.service.now()
        style = self.ctx.workspace.date_style
        hidden_by_group: dict[str, list[ChecklistItem]] = {}
        if self.show_hidden.isChecked():
            for item in view.hidden:
                hidden_by_group.setdefault(item.group, []).append(item)
        rows: list[tuple[str, list[tuple[ChecklistItem, str]]]] = []
        self._group_keys = [g.key for g in view.groups]
        for group in view.groups:
            done = sum(i.checked for i in group.items)
            title = f"{group.title}  ({done}/{len(group.items)})"
            if group.due is not None:
                title += f" — due {style.day_time(group.due)}"
                if group.due <= now and done < len(group.items):
                    title += "  ⚠ overdue"
            children = []
            for item in [*group.items, *hidden_by_group.get(group.key, [])]:
                text = item.text + ("  (hidden)" if item.hidden else "")
                why = f"Why: {item.why}" if item.why else ""
                if item.tool:
                    why += f"  → see the {TOOL_HINT[item.tool]}"
                lines = [text, *([why] if why else []),
                         *(f"⚠ Open problem: {p.title}" for p in item.problems)]
                children.append((item, "\n".join(lines)))
            rows.append((title, children))
        self.tree.blockSignals(True)
        try:
            if self._shape(rows) == self._tree_shape():
                # Same items in the same order: update in place.  Rebuilding here
                # would delete the very item whose check box is being toggled.
                self._update_in_place(rows)
            else:
                self._rebuild(rows)
        finally:
            self.tree.blockSignals(False)
        self._selection_changed()

    @staticmethod
    def _shape(rows: list[tuple[str, list[tuple[ChecklistItem, str]]]]) -> list[list[str]]:
        return [[item.id for item, _text in children] for _title, children in rows]

    def _tree_shape(self) -> list[list[str]]:
        shape = []
        for top_index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(top_index)
            assert top is not None
            children = (top.child(i) for i in range(top.childCount()))
            shape.append([str(c.data(0, ID_ROLE)) for c in children if c is not None])
        return shape

    def _fill(self, child: QTreeWidgetItem, item: ChecklistItem, text: str) -> None:
        child.setText(0, text)
        child.setData(0, ID_ROLE, item.id)
        child.setToolTip(0, "\n".join([item.why, *(p.line() for p in item.problems)]))
        child.setIcon(0, self._warning_icon if item.problems else self._blank_icon)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        font = QFont(self.tree.font())
        font.setItalic(item.hidden)
        child.setFont(0, font)
        if not item.hidden:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
            child.setCheckState(0, Qt.CheckState.Checked if item.checked
                                else Qt.CheckState.Unchecked)
        child.setFlags(flags)

    def _update_in_place(self, rows: list[tuple[str, list[tuple[ChecklistItem, str]]]]) -> None:
        for top_index, (title, children) in enumerate(rows):
            top = self.tree.topLevelItem(top_index)
            assert top is not None
            top.setText(0, title)
            top.setData(0, GROUP_ROLE, self._group_keys[top_index])
            for index, (item, text) in enumerate(children):
                child = top.child(index)
                assert child is not None
                self._fill(child, item, text)

    def _rebuild(self, rows: list[tuple[str, list[tuple[ChecklistItem, str]]]]) -> None:
        keep = self.current_id()
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for key, (title, children) in zip(self._group_keys, rows, strict=True):
            top = QTreeWidgetItem([title])
            top.setData(0, GROUP_ROLE, key)
            top.setFont(0, bold)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            for item, text in children:
                child = QTreeWidgetItem()
                self._fill(child, item, text)
                top.addChild(child)
        self.tree.expandAll()
        if keep:
            self.select(keep)

    # -- actions --------------------------------------------------------------------
    def _run(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except UserError as error:
            self.ctx.dialogs.show_error(self, error)
            return False
        self.on_change()
        return True

    def _item_changed(self, tree_item: QTreeWidgetItem, column: int) -> None:
        item_id = tree_item.data(0, ID_ROLE)
        if column != 0 or not item_id:
            return
        checked = tree_item.checkState(0) == Qt.CheckState.Checked
        self.tree.setCurrentItem(tree_item)
        self._run(lambda: self.service.set_checked(str(item_id), checked))

    def set_checked(self, item_id: str, checked: bool) -> None:
        """What a click on the box does (used by keyboard users via Space, too)."""
        found = self.tree_item(item_id)
        if found is not None:
            found.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _selection_changed(self) -> None:
        item = self.current()
        has = item is not None
        for widget in (self.up_button, self.down_button, self.hide_button, self.edit_text,
                       self.edit_why, self.save_button):
            widget.setEnabled(has)
        self.delete_button.setEnabled(bool(item and item.custom))
        self.reset_button.setEnabled(bool(item and item.edited))
        self.hide_button.setText("Un&hide" if item is not None and item.hidden else "&Hide")
        self.hide_button.setAccessibleName("Unhide item" if item is not None and item.hidden
                                           else "Hide item")
        self.problems.setText("".join(f"<p>⚠ <b>{escape(p.title)}</b>. {escape(p.advice)}</p>"
                                      for p in item.problems) if item is not None else "")
        self.problems.setVisible(bool(item and item.problems))
        if item is not None:
            self.up_button.setEnabled(not item.hidden)
            self.down_button.setEnabled(not item.hidden)
            self.edit_text.setText(item.text)
            self.edit_why.setText(item.why)
        else:
            self.edit_text.clear()
            self.edit_why.clear()

    def _move(self, delta: int) -> None:
        item = self.current()
        if item is None or item.hidden:
            return
        if self._run(lambda: self.service.move(item.id, delta)):
            self.select(item.id)
            self.tree.setFocus()

    def _toggle_hidden(self) -> None:
        item = self.current()
        if item is not None:
            self._run(lambda: self.service.set_hidden(item.id, not item.hidden))

    def _delete(self) -> None:
        item = self.current()
        if item is None or not item.custom:
            return
        if self.ctx.dialogs.confirm(self, "Delete item", f"Delete “{item.text}”?"):
            self._run(lambda: self.service.remove_custom(item.id))

    def _save_edit(self) -> None:
        item = self.current()
        if item is not None:
            text, why = self.edit_text.text(), self.edit_why.text()
            self._run(lambda: self.service.edit(item.id, text, why))

    def _reset(self) -> None:
        item = self.current()
        if item is not None:
            self._run(lambda: self.service.reset_text(item.id))

    def _add(self) -> None:
        group = str(self.add_group.currentData())
        text, why = self.add_text.text(), self.add_why.text()
        new_id: list[str] = []
        if self._run(lambda: new_id.append(self.service.add(group, text, why))):
            self.add_text.clear()
            self.add_why.clear()
            self.select(new_id[0])
